// Login rate limiting: sign-in attempts are counted per user name and per client address over a sliding
// window; past the limit, sign-ins are refused (429, with Retry-After) until the oldest attempt leaves the
// window. An attempt is counted before its password is checked, in one synchronous step with the check of
// the limit, so that requests sent at once cannot all pass the check while the (slow, scrypt) password
// checks are under way; a successful sign-in then takes its own attempt back and clears the user name's
// count. Kept in memory: a restart forgets it, which only ever makes the server more lenient, never locks
// anyone out for good.
export interface LoginLimits {
  windowMinutes: number;
  perUser: number;
  perAddress: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { windowMinutes: 15, perUser: 5, perAddress: 20 };

/** An attempt admitted by the limiter, to be settled once its password is checked. */
export interface Attempt {
  succeeded(): void;
}

export class LoginLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {}

  /**
   * Counts an attempt for this user from this address, or answers how many seconds to wait when either has
   * reached its limit (the attempt is then not counted).
   */
  attempt(username: string, address: string, now: number): Attempt | { retryAfter: number } {
    const userKey = `user:${username}`;
    const addressKey = `address:${address}`;
    const wait = Math.max(this.wait(userKey, this.limits.perUser, now), this.wait(addressKey, this.limits.perAddress, now));
    if (wait > 0) return { retryAfter: wait };
    for (const key of [userKey, addressKey]) this.attempts.set(key, [...this.recent(key, now), now]);
    return {
      succeeded: () => {
        this.attempts.delete(userKey);
        this.forget(addressKey, now);
      },
    };
  }

  private wait(key: string, limit: number, now: number): number {
    const recent = this.recent(key, now);
    return recent.length >= limit ? Math.max(1, Math.ceil((recent[recent.length - limit] + this.windowMs - now) / 1000)) : 0;
  }

  /** Takes one attempt made at `at` back from a key's count. */
  private forget(key: string, at: number): void {
    const times = this.attempts.get(key);
    const i = times?.lastIndexOf(at) ?? -1;
    if (i >= 0) times!.splice(i, 1);
  }

  private get windowMs(): number {
    return this.limits.windowMinutes * 60_000;
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.attempts.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (kept.length) this.attempts.set(key, kept);
    else this.attempts.delete(key);
    return kept;
  }
}
