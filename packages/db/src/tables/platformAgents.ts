import type { CreatedAt, Timestamp } from './columns.js';

/** The settings of an agent Parley runs itself (one row per agent whose `is_external` is false). */
export interface PlatformAgentsTable {
  agent_id: string;
  organization_id: string;
  /** The system prompt. */
  instructions: string;
  /** A model id the operator allows (`PARLEY_LLM_MODELS`). */
  model: string;
  temperature: number | null;
  top_p: number | null;
  max_tokens: number | null;
  inserted_at: CreatedAt;
  updated_at: Timestamp;
}
