import { MessageError } from '@accolade/core';
import { describe, expect, it } from 'vitest';
import { isMessageFault, isUnavailable } from './store-faults.js';

const coded = (code: string, message = 'x'): Error => Object.assign(new Error(message), { code });

describe('what the service retries and what it dead-letters', () => {
  it('retries when the store is unreachable or shutting down', () => {
    for (const e of [coded('ECONNREFUSED'), coded('57P01', 'terminating connection due to administrator command'), coded('08006'), new Error('Connection terminated unexpectedly'),
      new AggregateError([coded('ECONNREFUSED')]), Object.assign(coded('timeout'), { name: 'FasjsonError' }), new Error('wrapped', { cause: coded('ECONNRESET') })]) {
      expect(isUnavailable(e)).toBe(true);
    }
  });

  it('does not take a bad query or a bug for an outage', () => {
    for (const e of [coded('23505', 'duplicate key'), Object.assign(coded('rejected'), { name: 'FasjsonError' }), coded('42P01', 'relation does not exist'), new TypeError('x is undefined'), 'text']) expect(isUnavailable(e)).toBe(false);
  });

  it('dead-letters a message that cannot be read and one the history never received', () => {
    expect(isMessageFault(new MessageError('invalid-field', "'topic' must be a non-empty string"))).toBe(true);
    expect(isMessageFault(coded('not-in-history'))).toBe(true);
    expect(isMessageFault(coded('ECONNREFUSED'))).toBe(false);
  });
});
