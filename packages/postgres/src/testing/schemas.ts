import { randomBytes } from 'node:crypto';

/** A schema name no other test (or test run) uses. */
export function uniqueSchema(prefix = 't'): string {
  return `accolade_${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}
