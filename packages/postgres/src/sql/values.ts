/**
 * datanommer and tahrir store `TIMESTAMP WITHOUT TIME ZONE` holding UTC.
 * Both drivers would read such a value in the process's local time zone and
 * write a Date with its local offset (which PostgreSQL then drops), so
 * times cross the driver as plain values instead: written as an ISO string
 * converted in SQL, read back as epoch seconds.
 */

/** SQL for a parameter holding an ISO 8601 instant, as a UTC TIMESTAMP WITHOUT TIME ZONE. */
export const utcTimestamp = (placeholder: string): string => `(${placeholder}::timestamptz AT TIME ZONE 'UTC')`;

/** SQL reading a UTC TIMESTAMP WITHOUT TIME ZONE column as epoch seconds (float8 parses the same in both drivers). */
export const epochSeconds = (column: string): string => `extract(epoch from ${column})::float8`;

/** The parameter value for utcTimestamp(). */
export const isoParam = (when: Date): string => when.toISOString();

/** A Date from epochSeconds(); the drivers hand float8 over as a number. */
export function dateFromEpoch(seconds: unknown): Date {
  return new Date(Math.round(Number(seconds) * 1000));
}

/** Parameters collected while SQL text is built: `add` returns the `$n` for a value. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
