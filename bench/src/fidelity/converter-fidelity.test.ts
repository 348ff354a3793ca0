import { describe, expect, it } from 'vitest';
import { compareConverters } from './converter-fidelity.js';

describe("the converters against fedbadges 2.1's, on the bench corpus", () => {
  it('award exactly what fedbadges awards when the directory answers as FASJSON would', async () => {
    const c = await compareConverters({ history: 20_000, stream: 5_000 });
    expect(c.families.map((f) => f.converter).sort()).toEqual(['distgit', 'email', 'github', 'krb', 'nick', 'openid']);
    for (const f of c.families) expect({ family: f.family, missing: f.missing, extra: f.extra }).toEqual({ family: f.family, missing: 0, extra: 0 });
    // Not vacuous: every converter that can give an account here does give some (the corpus' nicks are no account's name).
    for (const f of c.families) if (f.converter !== 'nick') expect(f.fedbadges, f.family).toBeGreaterThan(0);
    expect(c.total.accolade).toBe(c.total.fedbadges);
  });
});
