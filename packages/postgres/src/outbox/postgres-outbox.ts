import type { AnnouncementOutbox, ClaimOptions, PendingAnnouncement } from '@accolade/core';
import type { SqlClient } from '../client/sql-client.js';
import { dateFromEpoch, epochSeconds } from '../sql/values.js';

interface OutboxRow {
  id: string | number;
  announcement_id: string;
  badge_id: string;
  username: string;
  msg_id: string | null;
  issued_on: number;
  name: string | null;
  description: string | null;
  image: string | null;
  criteria: string | null;
  tags: string | null;
}

const DEFAULT_LEASE_MS = 30_000;

/**
 * The announcement outbox in `accolade_outbox` (see OUTBOX_TABLES), filled
 * by a PostgresAwardStore opened with `outbox: true`. Claims skip rows
 * another process holds (FOR UPDATE SKIP LOCKED, then a lease), so several
 * services on one database do not announce the same award at once.
 */
export class PostgresOutbox implements AnnouncementOutbox {
  constructor(private readonly client: SqlClient) {}

  async claim(options: ClaimOptions = {}): Promise<PendingAnnouncement[]> {
    const lease = options.leaseMs ?? DEFAULT_LEASE_MS;
    const rows = await this.client.query<OutboxRow>(
      `WITH c AS (
         UPDATE accolade_outbox SET claimed_until = now() + ($1::int * interval '1 millisecond')
          WHERE id IN (
            SELECT id FROM accolade_outbox
             WHERE published_on IS NULL AND (claimed_until IS NULL OR claimed_until < now())
               AND ($2::text IS NULL OR msg_id = $2::text)
             ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
          RETURNING id, announcement_id, badge_id, username, msg_id, issued_on)
       SELECT c.id, c.announcement_id, c.badge_id, c.username, c.msg_id, ${epochSeconds('c.issued_on')} AS issued_on,
              b.name, b.description, b.image, b.criteria, b.tags
         FROM c LEFT JOIN badges b ON b.id = c.badge_id
        ORDER BY c.id`,
      [lease, options.messageId ?? null, options.limit ?? 100],
    );
    return rows.map(toPending);
  }

  async markPublished(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.client.query('UPDATE accolade_outbox SET published_on = now() WHERE id = ANY($1::bigint[])', [ids]);
  }

  async pendingCount(): Promise<number> {
    const rows = await this.client.query<{ n: number | string }>('SELECT count(*)::int AS n FROM accolade_outbox WHERE published_on IS NULL');
    return Number(rows[0]?.n ?? 0);
  }
}

function toPending(row: OutboxRow): PendingAnnouncement {
  return {
    id: String(row.id),
    announcementId: row.announcement_id,
    badgeId: row.badge_id,
    user: row.username,
    messageId: row.msg_id,
    issuedAt: dateFromEpoch(row.issued_on),
    ...(row.name === null ? {} : {
      badge: {
        name: row.name, description: row.description ?? '', imageUrl: row.image ?? '', criteria: row.criteria ?? '',
        tags: (row.tags ?? '').split(',').map((t) => t.trim()).filter((t) => t !== ''),
      },
    }),
  };
}
