import { AppError } from '../appError.js';

export const MAX_TITLE_LENGTH = 120;

/**
 * A room title as stored (docs/api.md): newline, carriage return and NUL are refused (422) before
 * trimming, so a title cannot smuggle them at its ends; then trimmed and at most 120 characters.
 * Blank becomes null on create (the room has no title yet); a rename needs a real title.
 */
export function normalizeTitle(raw: string, options: { pointer: string; required: true }): string;
export function normalizeTitle(
  raw: string | null | undefined,
  options: { pointer: string; required: false },
): string | null;
export function normalizeTitle(
  raw: string | null | undefined,
  options: { pointer: string; required: boolean },
): string | null {
  const invalid = (message: string) => new AppError('validation_error', message, { [options.pointer]: [message] });
  if (raw === null || raw === undefined) {
    if (options.required) throw invalid("can't be blank");
    return null;
  }
  if (/[\n\r\0]/.test(raw)) throw invalid('must not contain newlines, carriage returns or NUL characters');
  const title = raw.trim();
  if (title === '') {
    if (options.required) throw invalid("can't be blank");
    return null;
  }
  if ([...title].length > MAX_TITLE_LENGTH) throw invalid(`must be at most ${MAX_TITLE_LENGTH} characters`);
  return title;
}
