// The public API of @immunotrial/db: an explicit list.
export type {
  Database,
  JsonValue,
  Participant,
  NewParticipant,
  ParticipantUpdate,
  User,
  RoleGrant,
  Session,
  Site,
  Trial,
  ProtocolVersion,
  Screening,
  FormEntry,
  Query,
  AuditEvent,
  Administration,
  Deviation,
  AllocationSlot,
  Kit,
  Allocation,
} from './schema.js';
export { TABLES_IN_DEPENDENCY_ORDER, JSON_COLUMNS } from './schema.js';
export { PgliteDialect } from './pglite-dialect.js';
export {
  type DatabaseKind,
  type DatabaseLocation,
  type OpenDatabase,
  locateDatabase,
  openDatabase,
  redactUrl,
} from './open-database.js';
export {
  MIGRATIONS,
  appliedMigrations,
  migrateTo,
  migrateToLatest,
  type MigrateOptions,
  type MigrationReport,
} from './migrate.js';
export {
  type Tx,
  type WriteOptions,
  writeTransaction,
  serializableTransaction,
  readTransaction,
  isRetryableError,
} from './transaction.js';
export { canonicalJson } from './audit/canonical-json.js';
export {
  type AuditEntry,
  type ChainBreak,
  type ChainReport,
  GENESIS_HASH,
  SYSTEM_CHAIN,
  type AuditAppend,
  type AuditAppendGates,
  AUDIT_HEAD_CTE,
  appendAuditEvents,
  appendedEvents,
  auditAppendStatement,
  ensureAuditHead,
  hashAuditEvent,
  verifyAuditChain,
} from './audit/audit-chain.js';
export { type Backup, BACKUP_FORMAT, createBackup, parseBackup, restoreBackup } from './backup.js';
export { type TestBackend, testBackends } from './testing.js';
export { type PreparedQuery, preparedQuery } from './prepared-query.js';
export { preparingPool, StatementNames } from './prepared-statements.js';
