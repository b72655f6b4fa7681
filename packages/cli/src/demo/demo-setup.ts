import { ianaZone, type Zone } from '@immunotrial/core';
import {
  type Actor,
  bootstrapAdmin,
  createSite,
  createUser,
  grantRole,
  grantsOf,
  listTrials,
  type Role,
  type ServerDeps,
  setUpAllocation,
} from '@immunotrial/server';
import { loadShippedProtocols } from '../commands/server/open-store.js';

/** A demo site with its staff. */
export interface DemoSite {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly zone: Zone;
  readonly investigator: Actor;
  readonly coordinator: Actor;
  readonly pharmacist: Actor;
}

/** A demo user as printed: who to sign in as. */
export interface DemoUser {
  readonly username: string;
  readonly role: Role;
  readonly site: string | null;
}

/** The demo trial unit: its sites and staff, the trial-wide roles and the printed list of users. */
export interface DemoUnit {
  readonly trialId: string;
  readonly sites: readonly DemoSite[];
  readonly admin: Actor;
  readonly monitor: Actor;
  readonly dataManager: Actor;
  readonly unblindedStatistician: Actor;
  readonly users: readonly DemoUser[];
}

/** Three sites in two IANA zones (the twin writes +01:00, central European time). */
const SITES = [
  { code: 'PAR01', name: 'Paris - Hôpital Saint-Antoine (demo)', timeZone: 'Europe/Paris', key: 'paris' },
  { code: 'LYO01', name: 'Lyon - Hôpital Édouard Herriot (demo)', timeZone: 'Europe/Paris', key: 'lyon' },
  { code: 'BRU01', name: 'Brussels - Hôpital Erasme (demo)', timeZone: 'Europe/Brussels', key: 'brussels' },
] as const;

const SITE_STAFF = ['investigator', 'coordinator', 'pharmacist'] as const;
const TRIAL_WIDE = ['monitor', 'data_manager', 'statistician', 'unblinded_statistician', 'dsmb'] as const;

/** The printed name of a demo user, e.g. "Demo investigator (Paris)". */
function fullNameOf(role: Role, site: string | undefined): string {
  const label = role.replace('_', ' ');
  return site === undefined
    ? `Demo ${label}`
    : `Demo ${label} (${site[0]?.toUpperCase() ?? ''}${site.slice(1)})`;
}

/**
 * Sets up the demo unit through the use cases: the shipped protocols, an administrator (`admin`), three
 * sites open in every trial, an investigator, a coordinator and a pharmacist per site and one user per
 * trial-wide role in `trialId`, all with `password`; then the unblinded statistician sets up the
 * allocation from a fixed demo seed.
 * @param allocationSeed - At least 16 characters.
 * @throws TrialError from the use cases (e.g. `request.invalid` for a password under 10 characters).
 */
export async function setUpDemoUnit(
  deps: ServerDeps,
  trialId: string,
  password: string,
  allocationSeed: string,
): Promise<DemoUnit> {
  await loadShippedProtocols(deps);
  const boot = await bootstrapAdmin(deps, { username: 'admin', fullName: 'Demo administrator', password });
  if (boot === undefined) throw new Error('internal: the demo database already has users');
  const admin: Actor = {
    userId: boot.userId,
    username: 'admin',
    fullName: 'Demo administrator',
    grants: await grantsOf(deps, boot.userId),
  };
  const users: DemoUser[] = [{ username: 'admin', role: 'admin', site: null }];
  const make = async (role: Role, siteId: string | null, site?: string): Promise<Actor> => {
    const username = site === undefined ? role.replace('_', '.') : `${role}.${site}`;
    const fullName = fullNameOf(role, site);
    const user = await createUser(deps, admin, { username, fullName, password });
    await grantRole(deps, admin, user.id, { role, trialId, siteId });
    users.push({ username, role, site: site ?? null });
    return { userId: user.id, username, fullName, grants: await grantsOf(deps, user.id) };
  };
  const trialIds = (await listTrials(deps, admin)).map((t) => t.id);
  const sites: DemoSite[] = [];
  for (const s of SITES) {
    const site = await createSite(deps, admin, {
      code: s.code,
      name: s.name,
      timeZone: s.timeZone,
      trialIds,
    });
    const staff: Partial<Record<(typeof SITE_STAFF)[number], Actor>> = {};
    for (const role of SITE_STAFF) staff[role] = await make(role, site.id, s.key);
    const { investigator, coordinator, pharmacist } = staff;
    if (investigator === undefined || coordinator === undefined || pharmacist === undefined)
      throw new Error('internal: site staff missing');
    sites.push({
      id: site.id,
      code: s.code,
      name: s.name,
      zone: ianaZone(s.timeZone),
      investigator,
      coordinator,
      pharmacist,
    });
  }
  const wide: Partial<Record<(typeof TRIAL_WIDE)[number], Actor>> = {};
  for (const role of TRIAL_WIDE) wide[role] = await make(role, null);
  const { monitor, data_manager: dataManager, unblinded_statistician: unblindedStatistician } = wide;
  if (monitor === undefined || dataManager === undefined || unblindedStatistician === undefined)
    throw new Error('internal: trial-wide users missing');
  await setUpAllocation(deps, unblindedStatistician, trialId, { seed: allocationSeed });
  return { trialId, sites, admin, monitor, dataManager, unblindedStatistician, users };
}
