import { AccoladeError, type SourceLocation } from '../../errors/accolade-error.js';

/**
 * The migrated text would not be the same rule: a bug in the migration, never
 * in the rule. Nothing is written; the message says what differs.
 */
export class MigrationError extends AccoladeError {
  readonly code = 'unfaithful-migration';
  constructor(message: string, location: SourceLocation = {}) {
    super(message, location);
  }
}
