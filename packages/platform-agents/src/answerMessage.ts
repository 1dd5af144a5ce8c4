import type { PlatformAgentRow } from '@parley/db/repositories/platformAgents';
import type { ChatMessage, MessageContext } from '@parley/sdk';
import { agentTools, runTool } from './agentTools.js';
import type { ChatTurn, Completion, CompletionRequest } from './chatCompletions.js';
import { buildConversation, readContext } from './conversation.js';
import { ProviderError } from './providerError.js';

/** Rounds of tool calls one answer may take; the last call offers no tools, so the model must answer. */
export const MAX_TOOL_ROUNDS = 8;
/** The API's limits on an event's and a message's text, with room to spare. */
const EVENT_LIMIT = 16_000;
const REPLY_LIMIT = 65_000;
/** How much of a tool's result the model reads back. */
const TOOL_RESULT_LIMIT = 32_000;

export interface AnswerDeps {
  /** The agent's current settings (read for every message, so changes apply from the next one). */
  settings(): Promise<PlatformAgentRow | undefined>;
  /** One model call. */
  complete(request: CompletionRequest, signal: AbortSignal): Promise<Completion>;
  /** A problem that does not fail the message. */
  warn?(error: unknown, what: string): void;
}

/** Token counts of every model call made for one message (what the `task` event reports). */
export interface MessageUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  model_calls: number;
}

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

function parsedArguments(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function request(settings: PlatformAgentRow, messages: ChatTurn[], withTools: boolean): CompletionRequest {
  return {
    model: settings.model,
    messages,
    ...(withTools ? { tools: agentTools } : {}),
    ...(settings.temperature !== null ? { temperature: settings.temperature } : {}),
    ...(settings.top_p !== null ? { top_p: settings.top_p } : {}),
    ...(settings.max_tokens !== null ? { max_tokens: settings.max_tokens } : {}),
  };
}

/**
 * A platform agent's answer to one message (the `onMessage` of its `runAgent` loop, which marks
 * the message processing before and processed or failed after): reads the room's context, calls
 * the model with the agent's instructions, runs the tools it asks for (each step posted as
 * `thought`, `tool_call` and `tool_result` events), posts the answer mentioning the sender, and
 * records the token usage as a `task` event. Throwing fails the attempt; the loop retries it.
 */
export async function answerMessage(deps: AnswerDeps, message: ChatMessage, context: MessageContext): Promise<void> {
  const settings = await deps.settings();
  if (!settings) throw new Error('the platform agent has no settings any more');
  const history = await readContext(context, message);
  const messages = buildConversation(context.agent, settings.instructions, history);
  const usage: MessageUsage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0, model_calls: 0 };
  for (let round = 0; round <= MAX_TOOL_ROUNDS; round++) {
    const toolsOffered = round < MAX_TOOL_ROUNDS;
    const completion = await deps.complete(request(settings, messages, toolsOffered), context.signal);
    usage.model_calls += 1;
    usage.prompt_tokens += completion.usage?.prompt_tokens ?? 0;
    usage.completion_tokens += completion.usage?.completion_tokens ?? 0;
    usage.total_tokens += completion.usage?.total_tokens ?? 0;
    if (toolsOffered && completion.toolCalls.length > 0) {
      const thought = completion.content?.trim();
      if (thought) await context.event('thought', clip(thought, EVENT_LIMIT));
      messages.push({ role: 'assistant', content: completion.content, tool_calls: completion.toolCalls });
      for (const call of completion.toolCalls) {
        // Stopped (the lease was lost, the server is closing): leave the message to be retried.
        context.signal.throwIfAborted();
        const { name, arguments: raw } = call.function;
        await context.event('tool_call', clip(`${name}(${raw || '{}'})`, EVENT_LIMIT), {
          tool_call_id: call.id,
          name,
          arguments: parsedArguments(raw),
        });
        const outcome = await runTool(name, raw, context);
        const text = JSON.stringify(outcome.result) ?? 'null';
        await context.event('tool_result', clip(text, EVENT_LIMIT), { tool_call_id: call.id, name, ok: outcome.ok });
        messages.push({ role: 'tool', tool_call_id: call.id, content: clip(text, TOOL_RESULT_LIMIT) });
      }
      continue;
    }
    const text = completion.content?.trim();
    if (!text) throw new ProviderError('the model answered nothing (no text and no tool call)');
    // The last point where a stopped handler gives up: once the reply is posted the message is
    // answered, and the loop acks it even if it was stopped meanwhile (never a second reply).
    context.signal.throwIfAborted();
    const sent = await context.reply(clip(text, REPLY_LIMIT));
    try {
      await context.event(
        'task',
        `Answered with ${settings.model}: ${usage.total_tokens} tokens (${usage.prompt_tokens} prompt, ` +
          `${usage.completion_tokens} completion) in ${usage.model_calls} model call(s)`,
        { kind: 'token_usage', model: settings.model, message_id: message.id, reply_id: sent.data.id, usage },
      );
    } catch (error) {
      // Failing the message now would answer it twice: the usage record is what is lost.
      deps.warn?.(error, 'the token usage event of an answered message could not be posted');
    }
    return;
  }
}
