import { type Kysely, sql } from 'kysely';

// When a participant left the ICU and the hospital: the end events of visits repeated "until ICU discharge"
// (PLATINIUM's daily follow-up) and of ICU mortality and length of stay. ISO-8601 UTC text like every other
// instant of the schema; null until recorded. ICU admission is not stored here: it is screening data.
const STATEMENTS = [
  `alter table participants add column icu_discharged_at text`,
  `alter table participants add column hospital_discharged_at text`,
];

/** Nullable ICU and hospital discharge instants on participants. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
