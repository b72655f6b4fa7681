import { ianaZone, type Zone } from '@immunotrial/core';
import type { Database, Tx } from '@immunotrial/db';
import type { Kysely } from 'kysely';

/** A zone known by its IANA name (a site's zone always is). */
export type IanaZone = Extract<Zone, { kind: 'iana' }>;

/** The time zone of a site: calendar dates (D1, death and discharge days, visit windows) are read in it. */
export async function siteZone(db: Kysely<Database> | Tx, siteId: string): Promise<IanaZone> {
  const site = await db
    .selectFrom('sites')
    .select('time_zone')
    .where('id', '=', siteId)
    .executeTakeFirstOrThrow();
  ianaZone(site.time_zone); // throws on a name the runtime does not know
  return { kind: 'iana', name: site.time_zone };
}
