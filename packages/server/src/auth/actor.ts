import { TrialError } from '@immunotrial/core';
import { type Permission, type Role, ROLE_PERMISSIONS, UNBLINDED_ROLES } from './roles.js';

/** One role grant: the role, in a trial (null: every trial) and at a site (null: every site of it). */
export interface Grant {
  readonly id: string;
  readonly role: Role;
  readonly trialId: string | null;
  readonly siteId: string | null;
}

/** The signed-in person a service acts for. */
export interface Actor {
  readonly userId: string;
  readonly username: string;
  readonly fullName: string;
  readonly grants: Grant[];
}

/** The command line, acting as itself (audit events name it). */
export const SYSTEM_ACTOR: Actor = { userId: 'system', username: 'system', fullName: 'system', grants: [] };

function covers(g: Grant, trialId: string | null, siteId: string | null | undefined): boolean {
  if (g.trialId !== null && g.trialId !== trialId) return false;
  // siteId undefined: the action concerns the trial as a whole (any grant in the trial covers it).
  if (siteId === undefined || siteId === null) return true;
  return g.siteId === null || g.siteId === siteId;
}

/** The roles that cover a trial (and a site). */
export function rolesAt(actor: Actor, trialId: string | null, siteId?: string | null): Role[] {
  return actor.grants.filter((g) => covers(g, trialId, siteId)).map((g) => g.role);
}

/**
 * The role under which the actor may do `permission` in a trial (at a site): the first covering grant
 * with the permission. Audit events record it.
 * @throws TrialError `auth.forbidden` (403) naming the permission.
 */
export function authorize(
  actor: Actor,
  permission: Permission,
  trialId: string | null,
  siteId?: string | null,
): Role {
  const role = actor.grants.find(
    (g) => covers(g, trialId, siteId) && ROLE_PERMISSIONS[g.role].includes(permission),
  )?.role;
  if (role === undefined) {
    throw new TrialError('auth.forbidden', `your roles do not allow ${permission} here`);
  }
  return role;
}

/** True when the actor may do `permission` in the trial (at the site). */
export function may(
  actor: Actor,
  permission: Permission,
  trialId: string | null,
  siteId?: string | null,
): boolean {
  return actor.grants.some(
    (g) => covers(g, trialId, siteId) && ROLE_PERMISSIONS[g.role].includes(permission),
  );
}

/**
 * The sites where the actor may do `permission` in a trial: `all` for a trial-wide grant, else the list
 * (empty: nowhere).
 */
export function sitesFor(actor: Actor, permission: Permission, trialId: string): 'all' | string[] {
  const sites: string[] = [];
  for (const g of actor.grants) {
    if (!ROLE_PERMISSIONS[g.role].includes(permission)) continue;
    if (g.trialId !== null && g.trialId !== trialId) continue;
    if (g.siteId === null) return 'all';
    sites.push(g.siteId);
  }
  return sites;
}

/**
 * True when the actor may see allocations (arms, kit packs) in the trial at the site: an unblinded role
 * covers it. Blinded roles never do, whatever else they hold.
 */
export function seesArms(actor: Actor, trialId: string, siteId?: string | null): boolean {
  return actor.grants.some(
    (g) => UNBLINDED_ROLES.includes(g.role) && g.trialId === trialId && covers(g, trialId, siteId),
  );
}
