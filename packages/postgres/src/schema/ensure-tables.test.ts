import { describe, expect, it } from 'vitest';
import { pgliteClient } from '../testing/pglite-harness.js';
import { ensureDatanommerSchema, ensureTahrirSchema } from './ensure-schema.js';
import { SchemaMismatchError } from './ensure-tables.js';

const indexes = async (client: Awaited<ReturnType<typeof pgliteClient>>, table: string): Promise<string[]> =>
  (await client.query<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1 ORDER BY 1', [table])).map((r) => r.indexname);

describe('schema bootstrap', () => {
  it("creates datanommer's tables with its keys and indexes, and tahrir's", async () => {
    const client = await pgliteClient();
    expect(await ensureDatanommerSchema(client)).toEqual(['messages', 'users', 'packages', 'users_messages', 'packages_messages']);
    expect(await ensureTahrirSchema(client)).toEqual(['issuers', 'badges', 'persons', 'assertions', 'current_values']);
    expect(await indexes(client, 'messages')).toEqual([
      'ix_messages_agent_name', 'ix_messages_category', 'ix_messages_headers', 'ix_messages_msg_id', 'ix_messages_timestamp',
      'ix_messages_topic', 'messages_msg_id_timestamp_key', 'messages_pkey',
    ]);
    const pk = await client.query<{ def: string }>(
      "SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'users_messages'::regclass AND contype = 'p'",
    );
    expect(pk[0]?.def).toBe('PRIMARY KEY (user_id, msg_id, msg_timestamp)');
    const type = await client.query<{ data_type: string }>(
      "SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'messages' AND column_name = 'timestamp'",
    );
    expect(type[0]?.data_type).toBe('timestamp without time zone');
  });

  it('creates nothing the second time', async () => {
    const client = await pgliteClient();
    await ensureDatanommerSchema(client);
    expect(await ensureDatanommerSchema(client)).toEqual([]);
    expect(await ensureTahrirSchema(client)).toHaveLength(5);
    expect(await ensureTahrirSchema(client)).toEqual([]);
  });

  it('leaves an existing table exactly as it is: no index added, extra columns kept', async () => {
    const client = await pgliteClient();
    await client.query('CREATE TABLE users (id SERIAL PRIMARY KEY, name TEXT, team TEXT)');
    expect(await ensureDatanommerSchema(client)).toEqual(['messages', 'packages', 'users_messages', 'packages_messages']);
    expect(await indexes(client, 'users')).toEqual(['users_pkey']);
    const columns = await client.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'users' ORDER BY ordinal_position");
    expect(columns.map((c) => c.column_name)).toEqual(['id', 'name', 'team']);
  });

  it('reports an existing table that lacks a needed column, and changes nothing', async () => {
    const client = await pgliteClient();
    // datanommer before the migration that renamed username to agent_name.
    await client.query('CREATE TABLE messages (id SERIAL, msg_id VARCHAR, i INTEGER, topic VARCHAR, timestamp TIMESTAMP, category VARCHAR, username VARCHAR, source_name VARCHAR, source_version VARCHAR, msg TEXT, headers JSONB)');
    await expect(ensureDatanommerSchema(client)).rejects.toThrow(SchemaMismatchError);
    await expect(ensureDatanommerSchema(client)).rejects.toThrow(/'messages' exists without column agent_name/);
    const tables = await client.query("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'users'");
    expect(tables).toEqual([]);
  });
});
