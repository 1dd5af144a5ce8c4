/**
 * A failed call to the model provider, with a message fit to show in a room (it becomes the
 * message's `failed` error): it never carries the provider key nor the request.
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    /** How long the provider asked to wait (`Retry-After` of a 429), in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}
