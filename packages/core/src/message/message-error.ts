import { AccoladeError, type SourceLocation } from '../errors/accolade-error.js';

export type MessageErrorCode = 'invalid-json' | 'not-an-object' | 'invalid-field' | 'misspelled-field' | 'too-deep';

/** A message that cannot be read: it is reported and skipped, never evaluated. */
export class MessageError extends AccoladeError {
  constructor(readonly code: MessageErrorCode, message: string, location?: SourceLocation) {
    super(message, location);
  }
}
