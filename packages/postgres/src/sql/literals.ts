/**
 * SQL literals, for scripts: a script (several statements in one
 * parameter-less query, see SqlQueryable.query) travels over the simple
 * query protocol, which has no parameters, so its values are written into
 * the text. Everything here quotes completely (no value can end its
 * literal early), and only a few fixed statements of this package use it.
 */

/**
 * A string as a literal. `E'...'` with `\` and `'` doubled when it holds a
 * backslash, so it reads the same whatever `standard_conforming_strings`
 * says; `'...'` with `'` doubled otherwise (node-postgres' escapeLiteral).
 * NUL cannot be in PostgreSQL text (a parameter holding one is refused
 * too) and would end the query string in the protocol: refused here.
 */
export function textLiteral(value: string): string {
  if (value.includes('\u0000')) throw new Error('a text value holds a NUL character, which PostgreSQL cannot store');
  const quoted = value.replace(/'/g, "''");
  return value.includes('\\') ? ` E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`;
}

/** A string or SQL NULL. */
export const nullableLiteral = (value: string | null | undefined): string => (value === null || value === undefined ? 'NULL' : textLiteral(value));

/** A text[] literal: `ARRAY[...]::text[]` (an empty one too). */
export const textArrayLiteral = (values: readonly string[]): string => `ARRAY[${values.map(textLiteral).join(', ')}]::text[]`;

/** An integer, checked to be one (it is written into the text as is). */
export function intLiteral(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
  return String(value);
}
