import { ProviderError } from './providerError.js';
import { retryAfterMs } from './retryAfterHeader.js';

/** Where the provider is and how to call it (from `PARLEY_LLM_*`). */
export interface ProviderSettings {
  baseUrl: string;
  apiKey: string | undefined;
  timeoutMs: number;
}

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** A message of the Chat Completions conversation. */
export type ChatTurn =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: ToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface ToolDefinition {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

export interface CompletionRequest {
  model: string;
  messages: ChatTurn[];
  tools?: ToolDefinition[];
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
}

export interface TokenUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface Completion {
  content: string | null;
  toolCalls: ToolCall[];
  usage: TokenUsage | undefined;
}

/** The provider's own error text, short, and with the key masked should it ever echo it. */
function providerMessage(body: string, apiKey: string | undefined): string {
  let text = body;
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const inner = typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message);
    text = typeof inner === 'string' ? inner : '';
  } catch {
    // Not JSON: an HTML error page or similar says nothing useful.
    text = '';
  }
  if (apiKey) text = text.split(apiKey).join('[redacted]');
  text = text.replace(/\s+/g, ' ').trim().slice(0, 300);
  return text ? `: ${text}` : '';
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

function readToolCalls(value: unknown): ToolCall[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ProviderError('the model provider sent a malformed answer (tool_calls)');
  return value.map((call, index) => {
    const fn = (call as { function?: { name?: unknown; arguments?: unknown } } | null)?.function;
    if (typeof fn?.name !== 'string') {
      throw new ProviderError('the model provider sent a malformed answer (a tool call without a name)');
    }
    const args = typeof fn.arguments === 'string' ? fn.arguments : JSON.stringify(fn.arguments ?? {});
    const id = (call as { id?: unknown }).id;
    return {
      id: typeof id === 'string' && id ? id : `call_${index}`,
      type: 'function',
      function: { name: fn.name, arguments: args },
    };
  });
}

/**
 * One call of an OpenAI-compatible `POST {baseUrl}/chat/completions`. Every failure becomes a
 * {@link ProviderError} with a readable message: a 429 (with its `Retry-After`), a 5xx, another
 * refusal, a timeout, an unreachable provider, or an answer that is not a completion.
 */
export async function completeChat(
  provider: ProviderSettings,
  request: CompletionRequest,
  signal?: AbortSignal,
): Promise<Completion> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (provider.apiKey) headers.authorization = `Bearer ${provider.apiKey}`;
  const timeout = AbortSignal.timeout(provider.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const seconds = Math.round(provider.timeoutMs / 100) / 10;
  let response: Response;
  let body: string;
  try {
    response = await fetch(`${provider.baseUrl}/chat/completions`, {
      method: 'POST',
      headers,
      body: JSON.stringify(request),
      signal: combined,
    });
    body = await response.text();
  } catch (error) {
    if (timeout.aborted) throw new ProviderError(`the model provider did not answer within ${seconds} s`);
    if (signal?.aborted) throw new ProviderError('the call to the model provider was cancelled');
    const cause = (error as { cause?: { code?: unknown } }).cause;
    const code = typeof cause?.code === 'string' ? ` (${cause.code})` : '';
    throw new ProviderError(`could not reach the model provider${code}`);
  }
  if (response.status === 429) {
    const wait = retryAfterMs(response.headers.get('retry-after'));
    const after = wait === undefined ? '' : `; it asks to retry after ${Math.ceil(wait / 1000)} s`;
    throw new ProviderError(`the model provider is rate limiting (HTTP 429)${after}`, wait);
  }
  if (response.status >= 500) {
    throw new ProviderError(
      `the model provider failed (HTTP ${response.status})${providerMessage(body, provider.apiKey)}`,
    );
  }
  if (!response.ok) {
    throw new ProviderError(
      `the model provider refused the request (HTTP ${response.status})${providerMessage(body, provider.apiKey)}`,
    );
  }
  let parsed: {
    choices?: Array<{ message?: { content?: unknown; tool_calls?: unknown } }>;
    usage?: Record<string, unknown>;
  };
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new ProviderError('the model provider sent a malformed answer (not JSON)');
  }
  const message = parsed?.choices?.[0]?.message;
  if (!message || typeof message !== 'object') {
    throw new ProviderError('the model provider sent a malformed answer (no choices[0].message)');
  }
  const content = typeof message.content === 'string' ? message.content : null;
  const toolCalls = readToolCalls(message.tool_calls);
  const usage = parsed.usage
    ? {
        prompt_tokens: count(parsed.usage.prompt_tokens),
        completion_tokens: count(parsed.usage.completion_tokens),
        total_tokens: count(parsed.usage.total_tokens),
      }
    : undefined;
  return { content, toolCalls, usage };
}
