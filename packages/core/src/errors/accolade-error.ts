/**
 * Every error Accolade throws carries a stable `code` and, where known, where
 * it happened. Families subclass this so callers can `instanceof` a family and
 * switch on `code` within it.
 */
export interface SourceLocation {
  /** Rule file (or other source) the problem is in. */
  file?: string;
  /** 1-based line. */
  line?: number;
  /** 1-based column. */
  column?: number;
  /** Field path inside the rule, e.g. `trigger.all[1].lambda`. */
  path?: string;
}

export abstract class AccoladeError extends Error {
  abstract readonly code: string;
  file?: string;
  line?: number;
  column?: number;
  path?: string;

  constructor(message: string, location: SourceLocation = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    Object.assign(this, pickDefined(location));
  }

  /** `file:line:column: message`, with as much of the prefix as is known. */
  format(): string {
    return formatLocated(this, this.message);
  }
}

export function formatLocated(location: SourceLocation, message: string): string {
  const parts: string[] = [];
  if (location.file !== undefined) parts.push(location.file);
  if (location.line !== undefined) parts.push(String(location.line));
  if (location.line !== undefined && location.column !== undefined) parts.push(String(location.column));
  return parts.length > 0 ? `${parts.join(':')}: ${message}` : message;
}

function pickDefined(location: SourceLocation): SourceLocation {
  const out: SourceLocation = {};
  if (location.file !== undefined) out.file = location.file;
  if (location.line !== undefined) out.line = location.line;
  if (location.column !== undefined) out.column = location.column;
  if (location.path !== undefined) out.path = location.path;
  return out;
}
