import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

// Times are ISO-8601 UTC strings (`2026-03-17T09:00:00.000Z`) and dates `YYYY-MM-DD`: text columns, so that
// both backends return the same value and the audit hash of a row never depends on a driver's Date parsing.

/** A JSON value as stored in a jsonb column (written with JSON.stringify, read back parsed). */
export type Json = ColumnType<JsonValue, string, string>;
/** A nullable JSON value. */
export type NullableJson = ColumnType<JsonValue | null, string | null, string | null>;
/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface TrialsTable {
  id: string;
  acronym: string;
  title: string;
  current_version: number;
  created_at: string;
}

export interface ProtocolVersionsTable {
  trial_id: string;
  version_no: number;
  protocol_version: string;
  file_name: string;
  yaml: string;
  sha256: string;
  loaded_at: string;
  loaded_by: string | null;
}

export interface SitesTable {
  id: string;
  code: string;
  name: string;
  /** IANA time zone of the site: study days and dosing times are local to it. */
  time_zone: string;
  created_at: string;
}

export interface TrialSitesTable {
  trial_id: string;
  site_id: string;
  added_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  full_name: string;
  password_hash: string;
  active: boolean;
  created_at: string;
}

export interface RoleGrantsTable {
  id: string;
  user_id: string;
  role: string;
  trial_id: string | null;
  site_id: string | null;
  granted_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface LoginAttemptsTable {
  id: string;
  key: string;
  at: string;
  success: boolean;
}

export interface ParticipantsTable {
  id: string;
  trial_id: string;
  site_id: string;
  screening_number: string;
  patient_ref: string;
  status: string;
  status_reason: string | null;
  stratum: string | null;
  protocol_version: number;
  randomization_number: number | null;
  kit_number: string | null;
  d1_date: string | null;
  d1_at: string | null;
  death_date: string | null;
  data_after_withdrawal: string | null;
  /** ISO-8601 UTC; null until recorded (migration 0003). */
  icu_discharged_at: string | null;
  /** ISO-8601 UTC; null until recorded (migration 0003). */
  hospital_discharged_at: string | null;
  /** ISO-8601 UTC, at or before randomization; null until recorded (migration 0004). */
  icu_admitted_at: string | null;
  /** ISO-8601 UTC, at or before the ICU admission; null until recorded (migration 0004). */
  hospital_admitted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ScreeningsTable {
  id: string;
  trial_id: string;
  site_id: string;
  participant_id: string;
  protocol_version: number;
  source: string;
  status: string;
  screened_at: string;
  criteria: Json;
  failure_reasons: Json;
  recorded_at: string;
  recorded_by: string;
}

export interface ConsentsTable {
  id: string;
  trial_id: string;
  participant_id: string;
  given_by: string;
  consent_date: string;
  protocol_version: number;
  recorded_by: string;
  recorded_at: string;
}

export interface EligibilityConfirmationsTable {
  id: string;
  trial_id: string;
  participant_id: string;
  answers: Json;
  eligible: boolean;
  signed_by: string;
  signer_name: string;
  meaning: string;
  signed_at: string;
  protocol_version: number;
}

export interface AllocationListsTable {
  trial_id: string;
  seed: string;
  seed_sha256: string;
  method: string;
  parameters: Json;
  generated_at: string;
  generated_by: string;
}

export interface AllocationSlotsTable {
  trial_id: string;
  list_key: string;
  position: number;
  arm: string;
  block_no: number | null;
  block_size: number | null;
  participant_id: string | null;
  used_at: string | null;
}

export interface KitsTable {
  trial_id: string;
  kit_number: string;
  /** The pack (arm, and stratum where the drug depends on it): secret from blinded roles. */
  pack: string;
  site_id: string;
  sequence: number;
  status: string;
  participant_id: string | null;
  dispensed_at: string | null;
}

export interface AllocationsTable {
  participant_id: string;
  trial_id: string;
  arm: string;
  list_key: string;
  position: number | null;
  kit_number: string | null;
  detail: Json;
  randomized_at: string;
  randomized_by: string;
  protocol_version: number;
}

export interface UnblindingsTable {
  id: string;
  trial_id: string;
  participant_id: string;
  site_id: string;
  unblinded_by: string;
  role: string;
  reason: string;
  at: string;
  protocol_version: number;
}

export interface AdministrationsTable {
  id: string;
  trial_id: string;
  participant_id: string;
  regimen_id: string;
  dose_no: number;
  scheduled_at: string;
  status: string;
  given_at: string | null;
  reason: string | null;
  recorded_by: string;
  recorded_at: string;
  protocol_version: number;
}

export interface DeviationsTable {
  id: string;
  trial_id: string;
  site_id: string;
  participant_id: string;
  kind: string;
  description: string;
  origin: string;
  related_id: string | null;
  at: string;
  recorded_by: string;
  protocol_version: number;
}

export interface FormEntriesTable {
  id: string;
  trial_id: string;
  site_id: string;
  participant_id: string;
  form_id: string;
  instance: string;
  values: Json;
  revision: number;
  signed_by: string | null;
  signer_name: string | null;
  signed_at: string | null;
  created_at: string;
  updated_at: string;
  protocol_version: number;
}

export interface QueriesTable {
  id: string;
  trial_id: string;
  site_id: string;
  participant_id: string;
  form_entry_id: string | null;
  field: string | null;
  status: string;
  origin: string;
  text: string;
  answer: string | null;
  opened_by: string;
  opened_at: string;
  answered_by: string | null;
  answered_at: string | null;
  closed_by: string | null;
  closed_at: string | null;
}

export interface AuditEventsTable {
  trial_id: string;
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  role: string | null;
  site_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  field: string | null;
  old_value: NullableJson;
  new_value: NullableJson;
  reason: string | null;
  protocol_version: number | null;
  blinded: boolean;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadsTable {
  trial_id: string;
  seq: number;
  hash: string;
}

/** Every table, as Kysely sees it. */
export interface Database {
  trials: TrialsTable;
  protocol_versions: ProtocolVersionsTable;
  sites: SitesTable;
  trial_sites: TrialSitesTable;
  users: UsersTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  participants: ParticipantsTable;
  screenings: ScreeningsTable;
  consents: ConsentsTable;
  eligibility_confirmations: EligibilityConfirmationsTable;
  allocation_lists: AllocationListsTable;
  allocation_slots: AllocationSlotsTable;
  kits: KitsTable;
  allocations: AllocationsTable;
  unblindings: UnblindingsTable;
  administrations: AdministrationsTable;
  deviations: DeviationsTable;
  form_entries: FormEntriesTable;
  queries: QueriesTable;
  audit_events: AuditEventsTable;
  audit_heads: AuditHeadsTable;
}

/** Table names in dependency order (a parent before its children): the order of backup and restore. */
export const TABLES_IN_DEPENDENCY_ORDER = [
  'trials',
  'protocol_versions',
  'sites',
  'trial_sites',
  'users',
  'role_grants',
  'sessions',
  'login_attempts',
  'participants',
  'screenings',
  'consents',
  'eligibility_confirmations',
  'allocation_lists',
  'allocation_slots',
  'kits',
  'allocations',
  'unblindings',
  'administrations',
  'deviations',
  'form_entries',
  'queries',
  'audit_events',
  'audit_heads',
] as const satisfies readonly (keyof Database)[];

/** The jsonb columns of each table (restore writes them back as JSON text). */
export const JSON_COLUMNS: Partial<Record<keyof Database, readonly string[]>> = {
  screenings: ['criteria', 'failure_reasons'],
  eligibility_confirmations: ['answers'],
  allocation_lists: ['parameters'],
  allocations: ['detail'],
  form_entries: ['values'],
  audit_events: ['old_value', 'new_value'],
};

export type Participant = Selectable<ParticipantsTable>;
export type NewParticipant = Insertable<ParticipantsTable>;
export type ParticipantUpdate = Updateable<ParticipantsTable>;
export type User = Selectable<UsersTable>;
export type RoleGrant = Selectable<RoleGrantsTable>;
export type Session = Selectable<SessionsTable>;
export type Site = Selectable<SitesTable>;
export type Trial = Selectable<TrialsTable>;
export type ProtocolVersion = Selectable<ProtocolVersionsTable>;
export type Screening = Selectable<ScreeningsTable>;
export type FormEntry = Selectable<FormEntriesTable>;
export type Query = Selectable<QueriesTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
export type Administration = Selectable<AdministrationsTable>;
export type Deviation = Selectable<DeviationsTable>;
export type AllocationSlot = Selectable<AllocationSlotsTable>;
export type Kit = Selectable<KitsTable>;
export type Allocation = Selectable<AllocationsTable>;
