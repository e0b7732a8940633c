import { VerifiedTokens } from './verified-tokens.js';

describe('VerifiedTokens', () => {
  const exp = 1_800_000_000; // seconds, as in a JWT

  it('should give back the claims of a checked token until the second it expires, then forget it', () => {
    const tokens = new VerifiedTokens<{ sub: string; exp?: number }>();
    tokens.remember('a.b.c', { sub: 'u1', exp });
    expect(tokens.get('a.b.c', exp * 1000 - 1)).toEqual({ sub: 'u1', exp });
    expect(tokens.get('a.b.c', exp * 1000)).toBeUndefined();
    // Forgotten, not merely hidden: an earlier clock does not bring it back.
    expect(tokens.get('a.b.c', exp * 1000 - 1)).toBeUndefined();
  });

  it('should keep no token without an expiry, and know no token it was not given', () => {
    const tokens = new VerifiedTokens<{ sub: string; exp?: number }>();
    tokens.remember('no-exp', { sub: 'u1' });
    expect(tokens.get('no-exp', 0)).toBeUndefined();
    expect(tokens.get('a.b.c', 0)).toBeUndefined();
  });

  it('should drop the oldest token when full', () => {
    const tokens = new VerifiedTokens<{ sub: string; exp?: number }>(2);
    tokens.remember('first', { sub: '1', exp });
    tokens.remember('second', { sub: '2', exp });
    tokens.remember('third', { sub: '3', exp });
    expect(tokens.get('first', 0)).toBeUndefined();
    expect(tokens.get('second', 0)?.sub).toBe('2');
    expect(tokens.get('third', 0)?.sub).toBe('3');
  });
});
