import type { TableSpec } from './table-spec.js';

/**
 * The part of tahrir's schema (tahrir_api.model) that awarding touches:
 * issuers, badges, persons (with `opt_out`), assertions and
 * current_values, with tahrir's column names, types and keys. tahrir's
 * assertion id is `"<badge_id> -> <person_id>"` and is the primary key,
 * which is what makes (badge, person) unique in its schema. Later tahrir
 * migrations add columns (badges.legacy, persons' avatar...) with defaults;
 * an existing database that has them is used as it is.
 */
export const TAHRIR_TABLES: readonly TableSpec[] = [
  {
    name: 'issuers',
    create: [`CREATE TABLE issuers (
      id SERIAL PRIMARY KEY,
      origin VARCHAR(128) NOT NULL,
      name VARCHAR(128) NOT NULL UNIQUE,
      org VARCHAR(128) NOT NULL,
      contact VARCHAR(128) NOT NULL,
      created_on TIMESTAMP WITHOUT TIME ZONE NOT NULL
    )`],
    columns: ['id', 'origin', 'name', 'org', 'contact', 'created_on'],
  },
  {
    name: 'badges',
    create: [
      `CREATE TABLE badges (
        id VARCHAR(128) PRIMARY KEY,
        name VARCHAR(128) NOT NULL UNIQUE,
        image VARCHAR(128) NOT NULL,
        stl VARCHAR(128),
        description VARCHAR(128) NOT NULL,
        criteria VARCHAR(128) NOT NULL,
        issuer_id INTEGER NOT NULL REFERENCES issuers (id),
        created_on TIMESTAMP WITHOUT TIME ZONE NOT NULL,
        tags VARCHAR(128)
      )`,
      'CREATE INDEX ix_badges_issuer_id ON badges (issuer_id)',
    ],
    columns: ['id', 'name', 'image', 'description', 'criteria', 'issuer_id', 'created_on'],
  },
  {
    name: 'persons',
    create: [`CREATE TABLE persons (
      id SERIAL PRIMARY KEY,
      email VARCHAR(128) NOT NULL UNIQUE,
      _avatar VARCHAR(128),
      nickname VARCHAR(128) UNIQUE,
      website VARCHAR(128),
      bio VARCHAR(140),
      created_on TIMESTAMP WITHOUT TIME ZONE NOT NULL,
      last_login TIMESTAMP WITHOUT TIME ZONE,
      opt_out BOOLEAN NOT NULL,
      rank INTEGER
    )`],
    columns: ['id', 'email', 'nickname', 'created_on', 'opt_out'],
  },
  {
    name: 'assertions',
    create: [
      `CREATE TABLE assertions (
        id VARCHAR(128) PRIMARY KEY,
        badge_id VARCHAR(128) NOT NULL REFERENCES badges (id),
        person_id INTEGER NOT NULL REFERENCES persons (id),
        salt VARCHAR(128) NOT NULL,
        issued_on TIMESTAMP WITHOUT TIME ZONE NOT NULL,
        issued_for VARCHAR(256),
        recipient VARCHAR(256) NOT NULL
      )`,
      'CREATE INDEX ix_assertions_badge_id ON assertions (badge_id)',
      'CREATE INDEX ix_assertions_person_id ON assertions (person_id)',
      'CREATE INDEX ix_assertions_issued_on ON assertions (issued_on)',
    ],
    columns: ['id', 'badge_id', 'person_id', 'salt', 'issued_on', 'issued_for', 'recipient'],
  },
  {
    name: 'current_values',
    create: [`CREATE TABLE current_values (
      badge_id VARCHAR(128) NOT NULL REFERENCES badges (id),
      person_id INTEGER NOT NULL REFERENCES persons (id),
      value INTEGER NOT NULL,
      last_update TIMESTAMP WITHOUT TIME ZONE NOT NULL,
      PRIMARY KEY (badge_id, person_id)
    )`],
    columns: ['badge_id', 'person_id', 'value', 'last_update'],
  },
];
