import { type Kysely, sql } from 'kysely';

// When a participant entered the ICU and the hospital: the start events of the ICU and hospital lengths of
// stay (PLATINIUM `icu-los`, `hospital-los`: (discharge - admission) / 24 h from timestamps, DOMAIN.md §8).
// Screening reads the admission from the patient's data, but LOS needs the recorded instant on the
// participant, next to the discharges of 0003, with the same audit trail. ISO-8601 UTC text; null until
// recorded.
const STATEMENTS = [
  `alter table participants add column icu_admitted_at text`,
  `alter table participants add column hospital_admitted_at text`,
];

/** Nullable ICU and hospital admission instants on participants. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
