/** Node's socket errors: the server is not there (yet, or any more). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

/**
 * True when an error means "the store is unavailable", not "this message is
 * bad": the service then retries the message for as long as it takes.
 * PostgreSQL's own classes: 08 connection exception, 57P01-57P03 shutdown
 * and start-up, 53300 too many connections; 40001/40P01 are retried too.
 * An account directory that times out counts as unavailable as well.
 */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || code.startsWith('08') || code.startsWith('57P') || code === '53300' || code === '40001' || code === '40P01') return true;
  }
  // An account directory (FASJSON) that does not answer is an outage too: the message waits, nobody is skipped.
  if (error.name === 'FasjsonError' && (code === 'timeout' || code === 'unavailable' || code === 'network')) return true;
  if (error instanceof AggregateError && error.errors.some(isUnavailable)) return true;
  return /Connection terminated|connection (?:is )?closed|Client has encountered a connection error|timeout exceeded when trying to connect|the database system is/i.test(error.message)
    || (error.cause !== undefined && isUnavailable(error.cause));
}

/** The message cannot be evaluated as it is (it would fail the same way every time): dead-letter it. */
export function isMessageFault(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'MessageError' || code === 'not-in-history';
}
