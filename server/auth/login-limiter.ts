// Login rate limiting: failed logins are counted per user name and per client address over a sliding
// window; past the limit, logins are refused (429, with Retry-After) until the oldest failure leaves the
// window. A successful login clears the user name's count. Kept in memory: a restart forgets it, which
// only ever makes the server more lenient, never locks anyone out for good.
export interface LoginLimits {
  windowMinutes: number;
  perUser: number;
  perAddress: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { windowMinutes: 15, perUser: 5, perAddress: 20 };

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {}

  /** Seconds until a login for this user from this address may be tried again; 0: now. */
  retryAfter(username: string, address: string, now: number): number {
    const wait = (key: string, limit: number) => {
      const recent = this.recent(key, now);
      return recent.length >= limit ? Math.ceil((recent[recent.length - limit] + this.windowMs - now) / 1000) : 0;
    };
    return Math.max(wait(`user:${username}`, this.limits.perUser), wait(`address:${address}`, this.limits.perAddress));
  }

  failed(username: string, address: string, now: number): void {
    for (const key of [`user:${username}`, `address:${address}`]) this.failures.set(key, [...this.recent(key, now), now]);
  }

  succeeded(username: string): void {
    this.failures.delete(`user:${username}`);
  }

  private get windowMs(): number {
    return this.limits.windowMinutes * 60_000;
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }
}
