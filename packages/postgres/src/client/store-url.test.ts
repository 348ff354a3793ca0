import { describe, expect, it } from 'vitest';
import { StoreUrlError, parseStoreUrl } from './store-url.js';

describe('store addresses', () => {
  it.each([
    ['postgres://postgres@127.0.0.1:5432/test', { kind: 'pg', connectionString: 'postgres://postgres@127.0.0.1:5432/test' }],
    ['postgresql://u:p@db/x?schema=badges', { kind: 'pg', connectionString: 'postgresql://u:p@db/x', schema: 'badges' }],
    ['postgres://db/x?sslmode=disable&schema=s1', { kind: 'pg', connectionString: 'postgres://db/x?sslmode=disable', schema: 's1' }],
    ['pglite:/tmp/accolade-db', { kind: 'pglite', dataDir: '/tmp/accolade-db' }],
    ['pglite:./relative/dir?schema=s2', { kind: 'pglite', dataDir: './relative/dir', schema: 's2' }],
    ['pglite:memory', { kind: 'pglite' }],
  ])('%s', (url, expected) => {
    expect(parseStoreUrl(url)).toEqual(expected);
  });

  it.each(['mysql://db/x', 'pglite:', '/tmp/dir', 'pglite:?schema=x'])('refuses %s', (url) => {
    expect(() => parseStoreUrl(url)).toThrow(StoreUrlError);
  });
});
