import type { TableSpec } from './table-spec.js';

/**
 * datanommer's schema (datanommer.models 1.x, after the migrations that
 * renamed `username` to `agent_name` and indexed it, and added the GIN
 * index on `headers`). Names, types, keys and indexes are datanommer's, so
 * an existing datanommer database is used as it is. Two deliberate gaps:
 * datanommer makes `messages` a TimescaleDB hypertable, which needs an
 * extension we cannot assume; and its `source_version` default is filled
 * by Python, so we write 'accolade' there.
 *
 * `msg` is TEXT holding the body as Python's json.dumps writes it: the
 * `contains` filter is a LIKE over exactly that text.
 */
export const DATANOMMER_TABLES: readonly TableSpec[] = [
  {
    name: 'messages',
    create: [
      `CREATE TABLE messages (
        id SERIAL NOT NULL,
        msg_id VARCHAR,
        i INTEGER NOT NULL,
        topic VARCHAR NOT NULL,
        timestamp TIMESTAMP WITHOUT TIME ZONE NOT NULL,
        certificate TEXT,
        signature TEXT,
        category VARCHAR NOT NULL,
        agent_name VARCHAR,
        crypto TEXT,
        source_name VARCHAR,
        source_version VARCHAR,
        msg TEXT NOT NULL,
        headers JSONB,
        PRIMARY KEY (id, timestamp),
        UNIQUE (msg_id, timestamp)
      )`,
      'CREATE INDEX ix_messages_msg_id ON messages (msg_id)',
      'CREATE INDEX ix_messages_topic ON messages (topic)',
      'CREATE INDEX ix_messages_timestamp ON messages (timestamp)',
      'CREATE INDEX ix_messages_category ON messages (category)',
      'CREATE INDEX ix_messages_agent_name ON messages (agent_name)',
      'CREATE INDEX ix_messages_headers ON messages USING gin (headers jsonb_path_ops)',
    ],
    columns: ['id', 'msg_id', 'i', 'topic', 'timestamp', 'category', 'agent_name', 'source_name', 'source_version', 'msg', 'headers'],
  },
  {
    name: 'users',
    create: [
      'CREATE TABLE users (id SERIAL PRIMARY KEY, name TEXT)',
      'CREATE UNIQUE INDEX ix_users_name ON users (name)',
    ],
    columns: ['id', 'name'],
  },
  {
    name: 'packages',
    create: [
      'CREATE TABLE packages (id SERIAL PRIMARY KEY, name TEXT)',
      'CREATE UNIQUE INDEX ix_packages_name ON packages (name)',
    ],
    columns: ['id', 'name'],
  },
  {
    name: 'users_messages',
    create: [
      `CREATE TABLE users_messages (
        user_id INTEGER NOT NULL REFERENCES users (id),
        msg_id INTEGER NOT NULL,
        msg_timestamp TIMESTAMP WITHOUT TIME ZONE NOT NULL,
        PRIMARY KEY (user_id, msg_id, msg_timestamp)
      )`,
      'CREATE INDEX ix_users_messages_msg_id ON users_messages (msg_id)',
      'CREATE INDEX ix_users_messages_msg_timestamp ON users_messages (msg_timestamp)',
    ],
    columns: ['user_id', 'msg_id', 'msg_timestamp'],
  },
  {
    name: 'packages_messages',
    create: [
      `CREATE TABLE packages_messages (
        package_id INTEGER NOT NULL REFERENCES packages (id),
        msg_id INTEGER NOT NULL,
        msg_timestamp TIMESTAMP WITHOUT TIME ZONE NOT NULL,
        PRIMARY KEY (package_id, msg_id, msg_timestamp)
      )`,
      'CREATE INDEX ix_packages_messages_msg_id ON packages_messages (msg_id)',
      'CREATE INDEX ix_packages_messages_msg_timestamp ON packages_messages (msg_timestamp)',
    ],
    columns: ['package_id', 'msg_id', 'msg_timestamp'],
  },
];
