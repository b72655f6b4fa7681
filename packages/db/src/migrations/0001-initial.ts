import { type Kysely, sql } from 'kysely';

// Raw DDL: one dialect (PostgreSQL, embedded or server), read as SQL in review.
const STATEMENTS = [
  `create table trials (
    id text primary key, acronym text not null, title text not null,
    current_version integer not null, created_at text not null)`,
  `create table protocol_versions (
    trial_id text not null references trials(id), version_no integer not null,
    protocol_version text not null, file_name text not null, yaml text not null, sha256 text not null,
    loaded_at text not null, loaded_by text, primary key (trial_id, version_no))`,
  `create table sites (id text primary key, code text not null unique, name text not null, time_zone text not null, created_at text not null)`,
  `create table trial_sites (
    trial_id text not null references trials(id), site_id text not null references sites(id),
    added_at text not null, primary key (trial_id, site_id))`,
  `create table users (
    id text primary key, username text not null unique, full_name text not null, password_hash text not null,
    active boolean not null, created_at text not null)`,
  `create table role_grants (
    id text primary key, user_id text not null references users(id), role text not null,
    trial_id text references trials(id), site_id text references sites(id), granted_at text not null)`,
  `create unique index role_grants_unique on role_grants (user_id, role, coalesce(trial_id, ''), coalesce(site_id, ''))`,
  `create table sessions (
    id text primary key, user_id text not null references users(id), csrf_token text not null,
    created_at text not null, expires_at text not null, last_seen_at text not null)`,
  `create table login_attempts (id text primary key, key text not null, at text not null, success boolean not null)`,
  `create index login_attempts_key_at on login_attempts (key, at)`,
  `create table participants (
    id text primary key, trial_id text not null references trials(id), site_id text not null references sites(id),
    screening_number text not null, patient_ref text not null, status text not null, status_reason text,
    stratum text, protocol_version integer not null, randomization_number integer, kit_number text,
    d1_date text, d1_at text, death_date text, data_after_withdrawal text,
    created_at text not null, updated_at text not null, unique (trial_id, screening_number))`,
  `create index participants_trial_site on participants (trial_id, site_id)`,
  `create table screenings (
    id text primary key, trial_id text not null references trials(id), site_id text not null references sites(id),
    participant_id text not null references participants(id), protocol_version integer not null,
    source text not null, status text not null, screened_at text not null, criteria jsonb not null,
    failure_reasons jsonb not null, recorded_at text not null, recorded_by text not null)`,
  `create table consents (
    id text primary key, trial_id text not null, participant_id text not null references participants(id),
    given_by text not null, consent_date text not null, protocol_version integer not null,
    recorded_by text not null, recorded_at text not null)`,
  `create table eligibility_confirmations (
    id text primary key, trial_id text not null, participant_id text not null references participants(id),
    answers jsonb not null, eligible boolean not null, signed_by text not null, signer_name text not null,
    meaning text not null, signed_at text not null, protocol_version integer not null)`,
  `create table allocation_lists (
    trial_id text primary key references trials(id), seed text not null, seed_sha256 text not null,
    method text not null, parameters jsonb not null, generated_at text not null, generated_by text not null)`,
  `create table allocation_slots (
    trial_id text not null references trials(id), list_key text not null, position integer not null,
    arm text not null, block_no integer, block_size integer, participant_id text unique references participants(id),
    used_at text, primary key (trial_id, list_key, position))`,
  `create table kits (
    trial_id text not null references trials(id), kit_number text not null, pack text not null,
    site_id text not null references sites(id), sequence integer not null, status text not null, participant_id text unique references participants(id),
    dispensed_at text, primary key (trial_id, kit_number))`,
  `create table allocations (
    participant_id text primary key references participants(id), trial_id text not null references trials(id),
    arm text not null, list_key text not null, position integer, kit_number text, detail jsonb not null,
    randomized_at text not null, randomized_by text not null, protocol_version integer not null)`,
  `create table unblindings (
    id text primary key, trial_id text not null, participant_id text not null references participants(id),
    site_id text not null, unblinded_by text not null, role text not null, reason text not null, at text not null,
    protocol_version integer not null)`,
  `create table administrations (
    id text primary key, trial_id text not null, participant_id text not null references participants(id),
    regimen_id text not null, dose_no integer not null, scheduled_at text not null, status text not null,
    given_at text, reason text, recorded_by text not null, recorded_at text not null,
    protocol_version integer not null, unique (participant_id, regimen_id, dose_no))`,
  `create table deviations (
    id text primary key, trial_id text not null, site_id text not null,
    participant_id text not null references participants(id), kind text not null, description text not null,
    origin text not null, related_id text, at text not null, recorded_by text not null,
    protocol_version integer not null)`,
  `create table form_entries (
    id text primary key, trial_id text not null, site_id text not null,
    participant_id text not null references participants(id), form_id text not null, instance text not null,
    values jsonb not null, revision integer not null, signed_by text, signer_name text, signed_at text,
    created_at text not null, updated_at text not null, protocol_version integer not null,
    unique (participant_id, form_id, instance))`,
  `create table queries (
    id text primary key, trial_id text not null, site_id text not null,
    participant_id text not null references participants(id), form_entry_id text references form_entries(id),
    field text, status text not null, origin text not null, text text not null, answer text,
    opened_by text not null, opened_at text not null, answered_by text, answered_at text,
    closed_by text, closed_at text)`,
  `create index queries_trial_status on queries (trial_id, status)`,
  `create table audit_events (
    trial_id text not null, seq integer not null, at text not null, actor_id text, actor_name text not null,
    role text, site_id text, action text not null, entity text not null, entity_id text not null, field text,
    old_value jsonb, new_value jsonb, reason text, protocol_version integer, blinded boolean not null,
    prev_hash text not null, hash text not null, primary key (trial_id, seq))`,
  `create index audit_events_entity on audit_events (trial_id, entity, entity_id)`,
  `create table audit_heads (trial_id text primary key, seq integer not null, hash text not null)`,
];

/** The first schema: every table of the trial server. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
