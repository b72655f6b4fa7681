import { type Kysely, sql } from 'kysely';

// At most one "dose not recorded" deviation per planned dose, enforced by the database so that two server
// processes sweeping at the same moment cannot both write it (the sweep inserts with ON CONFLICT DO
// NOTHING). Partial: other automatic deviations may repeat for one dose (a late dose edited to another
// late time is a second deviation).
const STATEMENTS = [
  `create unique index deviations_dose_not_recorded on deviations (participant_id, related_id)
    where kind = 'dose.not_recorded'`,
];

/** A unique index on never-recorded dose deviations. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
