/**
 * Characters XML 1.0 cannot hold at all, even escaped: C0 controls other
 * than tab and line breaks, U+FFFE/U+FFFF, and lone surrogates. A message
 * body may hold any of them; they become U+FFFD so the report still parses.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/** Text for element content: markup characters escaped (`\r` too, which a parser would drop). */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, '\uFFFD').replace(/[&<>\r]/g, (c) => ENTITIES[c]!);
}

/** Text for a double-quoted attribute: also quotes and whitespace, which a parser would otherwise turn into spaces. */
export function xmlAttribute(value: string): string {
  return value.replace(NOT_XML, '\uFFFD').replace(/[&<>"'\t\n\r]/g, (c) => ENTITIES[c]!);
}

/** `name="value"` pairs, in the order given, leaving out undefined values. */
export function xmlAttributes(attributes: Record<string, string | number | undefined>): string {
  return Object.entries(attributes).filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${xmlAttribute(String(v))}"`).join('');
}
