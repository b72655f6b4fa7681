import type { Role, SessionInfo } from '../api/types.js';

/** What a person may do in the web app; the server enforces the same rules, the UI only hides what would fail. */
export type Ability =
  | 'screen'
  | 'enrol'
  | 'confirmEligibility'
  | 'randomize'
  | 'recordDoses'
  | 'changeStatus'
  | 'recordDeviations'
  | 'editForms'
  | 'openQueries'
  | 'answerQueries'
  | 'viewParticipants'
  | 'pharmacy'
  | 'unblind'
  | 'audit'
  | 'statistics'
  | 'unblindedStatistics'
  | 'admin'
  | 'allocation';

const ABILITIES: Readonly<Record<Ability, readonly Role[]>> = {
  screen: ['coordinator', 'investigator'],
  enrol: ['coordinator', 'investigator'],
  confirmEligibility: ['investigator'],
  randomize: ['coordinator', 'investigator'],
  recordDoses: ['coordinator', 'investigator'],
  // The server's status.write and deviation.write (site work).
  changeStatus: ['coordinator', 'investigator'],
  recordDeviations: ['coordinator', 'investigator'],
  editForms: ['coordinator', 'investigator', 'data_manager'],
  openQueries: ['monitor', 'data_manager'],
  answerQueries: ['coordinator', 'investigator'],
  viewParticipants: [
    'coordinator',
    'investigator',
    'monitor',
    'data_manager',
    'pharmacist',
    'statistician',
    'unblinded_statistician',
    'dsmb',
  ],
  pharmacy: ['pharmacist'],
  unblind: ['investigator'],
  audit: ['monitor', 'data_manager', 'admin', 'investigator'],
  statistics: ['statistician', 'unblinded_statistician', 'dsmb'],
  unblindedStatistics: ['unblinded_statistician', 'dsmb'],
  admin: ['admin'],
  allocation: ['unblinded_statistician'],
};

const ROLE_NAMES: readonly Role[] = [
  'investigator',
  'coordinator',
  'pharmacist',
  'monitor',
  'data_manager',
  'statistician',
  'unblinded_statistician',
  'dsmb',
  'admin',
];

/** Roles that may see arms (issue 4: pharmacists and unblinded roles). */
export const UNBLINDED_ROLES: readonly Role[] = ['pharmacist', 'unblinded_statistician', 'dsmb'];

/**
 * The roles a session holds for a trial (and a site, when given): grants for that trial or for every trial,
 * and for that site or for every site.
 * @example rolesIn(session, 'infinity', 'site-1') // => ['coordinator']
 */
export function rolesIn(session: SessionInfo, trialId: string | undefined, siteId?: string): Role[] {
  const roles = new Set<Role>();
  const known = (role: string): role is Role => ROLE_NAMES.some((r) => r === role);
  for (const grant of session.grants) {
    if (grant.trialId !== null && trialId !== undefined && grant.trialId !== trialId) continue;
    if (siteId !== undefined && grant.siteId !== null && grant.siteId !== siteId) continue;
    if (known(grant.role)) roles.add(grant.role);
  }
  return [...roles];
}

/**
 * Whether the session holds a role allowing `ability` in the trial (and site).
 * @example can(session, 'screen', 'infinity') // => true for a coordinator of any INFINITY site
 */
export function can(
  session: SessionInfo,
  ability: Ability,
  trialId: string | undefined,
  siteId?: string,
): boolean {
  const allowed = ABILITIES[ability];
  return rolesIn(session, trialId, siteId).some((role) => allowed.includes(role));
}

/** The sites where the session holds a role allowing `ability`, or 'all' when a grant covers every site. */
export function sitesWhere(session: SessionInfo, ability: Ability, trialId: string): 'all' | string[] {
  const allowed = ABILITIES[ability];
  const sites = new Set<string>();
  for (const grant of session.grants) {
    if (!allowed.some((role) => role === grant.role)) continue;
    if (grant.trialId !== null && grant.trialId !== trialId) continue;
    if (grant.siteId === null) return 'all';
    sites.add(grant.siteId);
  }
  return [...sites];
}

/** A role's name for people. */
export function roleLabel(role: string): string {
  return role === 'data_manager'
    ? 'data manager'
    : role === 'unblinded_statistician'
      ? 'unblinded statistician'
      : role === 'dsmb'
        ? 'DSMB'
        : role;
}
