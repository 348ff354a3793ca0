import type { TableSpec } from './table-spec.js';

/**
 * Accolade's own table beside tahrir's: awards recorded but not yet
 * announced on the bus. A row is written in the award's transaction and
 * marked published once the broker confirms the announcement; claims are
 * leases, so a row claimed by a process that died is taken up again.
 */
export const OUTBOX_TABLES: readonly TableSpec[] = [
  {
    name: 'accolade_outbox',
    create: [
      `CREATE TABLE accolade_outbox (
        id BIGSERIAL PRIMARY KEY,
        announcement_id VARCHAR(64) NOT NULL UNIQUE,
        badge_id VARCHAR(128) NOT NULL,
        username VARCHAR(128) NOT NULL,
        msg_id VARCHAR(256),
        issued_on TIMESTAMP WITHOUT TIME ZONE NOT NULL,
        claimed_until TIMESTAMP WITH TIME ZONE,
        published_on TIMESTAMP WITH TIME ZONE
      )`,
      'CREATE INDEX ix_accolade_outbox_pending ON accolade_outbox (id) WHERE published_on IS NULL',
      'CREATE INDEX ix_accolade_outbox_msg_id ON accolade_outbox (msg_id) WHERE published_on IS NULL',
    ],
    columns: ['id', 'announcement_id', 'badge_id', 'username', 'msg_id', 'issued_on', 'claimed_until', 'published_on'],
  },
];
