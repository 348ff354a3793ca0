import { AccoladeError } from '@accolade/core';

export type DeliveryErrorCode = 'no-message-id' | 'no-topic' | 'not-utf8' | 'not-json' | 'not-an-object' | 'invalid-message';

/** A delivery that is not a fedora-messaging message: it goes to the dead-letter queue with this reason. */
export class DeliveryError extends AccoladeError {
  constructor(readonly code: DeliveryErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, {}, options);
  }
}
