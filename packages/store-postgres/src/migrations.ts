import { StoreFailure } from '@fostering/core';
import type { SqlClient } from './sql.js';
import { sqlFailure } from './sql-errors.js';

/**
 * Versioned migrations, applied in order inside one transaction each; the version table records what ran, so
 * running them again is harmless. Never edit a released migration: add the next one.
 */
export const migrations: ReadonlyArray<{
  readonly version: number;
  readonly statements: ReadonlyArray<string>;
}> = [
  {
    version: 1,
    statements: [
      `create table fostering_streams (
         stream_id text primary key,
         revision bigint not null
       )`,
      `create table fostering_events (
         global_position bigint generated always as identity primary key,
         event_id text not null,
         stream_id text not null,
         stream_revision bigint not null,
         type text not null,
         schema_version integer not null,
         data jsonb not null,
         occurred_at timestamptz not null,
         recorded_at timestamptz not null,
         actor_id text not null,
         actor_role text not null,
         correlation_id text not null,
         causation_id text not null,
         unique (stream_id, stream_revision),
         unique (stream_id, event_id)
       )`,
      'create index fostering_events_type on fostering_events (type, global_position)',
    ],
  },
  {
    version: 2,
    statements: [
      `create table fostering_snapshots (
         stream_id text primary key,
         revision bigint not null,
         version integer not null,
         state jsonb not null
       )`,
      `create table fostering_checkpoints (
         name text primary key,
         position text,
         state jsonb not null,
         updated_at timestamptz not null default now()
       )`,
    ],
  },
  {
    version: 3,
    statements: [
      `create table fostering_outbox (
         sequence bigint generated always as identity primary key,
         message_id text not null unique,
         topic text not null,
         payload jsonb not null,
         source_event_id text,
         status text not null default 'pending' check (status in ('pending', 'delivered', 'dead')),
         attempts integer not null default 0,
         added_at timestamptz not null,
         available_at timestamptz not null,
         lease_id text,
         leased_until timestamptz,
         last_error text,
         settled_at timestamptz
       )`,
      // Claims look only at pending messages, oldest first; the partial index stays as small as the backlog.
      `create index fostering_outbox_pending on fostering_outbox (sequence) where status = 'pending'`,
      `create index fostering_outbox_settled on fostering_outbox (status, settled_at) where status <> 'pending'`,
    ],
  },
  {
    version: 4,
    statements: [
      // Subjects' keys, wrapped under the embedder's master key, in tables of their own: never beside the events.
      `create table fostering_subject_keys (
         subject_id text not null,
         key_id text not null,
         wrapped text not null,
         created_at timestamptz not null,
         is_current boolean not null,
         primary key (subject_id, key_id)
       )`,
      'create unique index fostering_subject_keys_current on fostering_subject_keys (subject_id) where is_current',
      `create table fostering_erased_subjects (
         subject_id text primary key,
         erased_at timestamptz not null
       )`,
    ],
  },
];

export const latestSchemaVersion = migrations[migrations.length - 1]?.version ?? 0;

/**
 * Brings the schema up to date, or up to version `to`; returns the versions it applied. Safe to run from several
 * processes at once and as often as wanted.
 */
export const migrate = async (
  client: SqlClient,
  options: { readonly to?: number } = {},
): Promise<ReadonlyArray<number>> => {
  try {
    return await applyMigrations(client, options.to ?? latestSchemaVersion);
  } catch (error) {
    throw new StoreFailure(sqlFailure(client.name, error));
  }
};

const applyMigrations = async (client: SqlClient, to: number): Promise<ReadonlyArray<number>> => {
  await client.query(`create table if not exists fostering_schema_version (
    version integer primary key,
    applied_at timestamptz not null default now()
  )`);
  const applied: number[] = [];
  for (const migration of migrations.filter((m) => m.version <= to)) {
    const ran = await client.transaction(async (tx) => {
      // The lock makes two processes migrating at once take turns instead of both applying a version.
      await tx.query('select pg_advisory_xact_lock(hashtext($1))', ['fostering_schema_version']);
      const done = await tx.query('select 1 from fostering_schema_version where version = $1', [
        migration.version,
      ]);
      if (done.length > 0) return false;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('insert into fostering_schema_version (version) values ($1)', [migration.version]);
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
};

export const schemaVersion = async (client: SqlClient): Promise<number> => {
  const rows = await client.query<{ version: number | null }>(
    'select max(version) as version from fostering_schema_version',
  );
  return Number(rows[0]?.version ?? 0);
};
