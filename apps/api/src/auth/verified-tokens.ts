/**
 * Access tokens whose signature this process has checked, with their claims, until they expire. A
 * signed-in browser sends the same token with every request; checking its HMAC each time was a few
 * per cent of a cached panel's CPU. Only the signature check is kept: the session behind the token
 * is still checked on every request (SessionCheckCache, which forgets revoked sessions at once).
 */
export class VerifiedTokens<Claims extends { exp?: number }> {
  private readonly entries = new Map<string, { claims: Claims; expiresAtMs: number }>();

  constructor(private readonly capacity = 10_000) {}

  /** The claims of a token checked before and not expired at `nowMs`, else undefined. */
  get(token: string, nowMs = Date.now()): Claims | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (nowMs >= entry.expiresAtMs) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.claims;
  }

  /** Remembers a token whose signature and expiry were just checked; one without an expiry is not kept. */
  remember(token: string, claims: Claims): void {
    if (typeof claims.exp !== 'number') return;
    // The oldest entry leaves first (Map keeps insertion order): a full map drops one per new token.
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { claims, expiresAtMs: claims.exp * 1000 });
  }
}
