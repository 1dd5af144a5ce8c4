/** How password sign-in is limited and how long a session lasts. */
export interface SignInSettings {
  /** Failed attempts per account (email) within the window before sign-in answers 429. */
  maxFailuresPerAccount: number;
  /** Failed attempts per client IP within the window before sign-in answers 429. */
  maxFailuresPerIp: number;
  windowMs: number;
  sessionTtlMs: number;
}

export const defaultSignInSettings: SignInSettings = {
  maxFailuresPerAccount: 10,
  maxFailuresPerIp: 50,
  windowMs: 15 * 60_000,
  sessionTtlMs: 30 * 24 * 3600_000,
};

export function signInSettings(overrides: Partial<SignInSettings> | undefined): SignInSettings {
  return { ...defaultSignInSettings, ...overrides };
}

/** One-time sign-in links are valid this long. */
export const SIGN_IN_LINK_TTL_MS = 15 * 60_000;
