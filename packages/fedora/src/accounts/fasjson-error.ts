import { AccoladeError } from '@accolade/core';

export type FasjsonErrorCode =
  /** No answer within the timeout, on every attempt. */
  | 'timeout'
  /** The server answered 5xx (or 429) on every attempt. */
  | 'unavailable'
  /** The connection failed on every attempt (refused, reset, DNS). */
  | 'network'
  /** An answer that is not FASJSON's (not JSON, no `result`). */
  | 'bad-response'
  /** A 4xx other than "no such user" (401, 403, 400): retrying would not help. */
  | 'rejected';

/**
 * A FASJSON lookup that failed. It is never turned into "no such account":
 * the engine's `process` rejects with it, so the message is retried (serve)
 * or the run stops (replay), and nobody is awarded by mistake.
 */
export class FasjsonError extends AccoladeError {
  constructor(
    readonly code: FasjsonErrorCode,
    message: string,
    /** The address asked. */
    readonly url: string,
    /** How many requests were made. */
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(message, {}, options);
  }
}
