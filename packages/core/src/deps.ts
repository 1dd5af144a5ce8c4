import type { Database } from '@parley/db/database';
import type { QuotaResource } from '@parley/db/tables/quotaUsage';
import type { SignInSettings } from './signIn/signInSettings.js';

/** Plan limits used when an organization has none of its own; null = unlimited. */
export type PlanLimits = Record<QuotaResource, number | null>;

/** What every domain function needs; built once by the server, the CLI or a test. */
export interface CoreDeps {
  db: Database;
  defaultLimits: PlanLimits;
  /** How long an agent's working indicator outlives its last keep-alive (default 10 s). */
  activityTtlMs?: number;
  /** The models platform agents may use (the first is the default); absent without a provider. */
  platformModels?: readonly string[];
  /** Password sign-in limits and session lifetime; the defaults in `signIn/signInSettings.ts` otherwise. */
  signIn?: Partial<SignInSettings>;
}
