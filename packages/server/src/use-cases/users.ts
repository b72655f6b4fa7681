import { TrialError } from '@immunotrial/core';
import { SYSTEM_CHAIN, writeTransaction } from '@immunotrial/db';
import { type Actor, authorize, type Grant } from '../auth/actor.js';
import { isRole, SITE_ROLES, type Role } from '../auth/roles.js';
import { isoAt, type ServerDeps } from '../deps.js';
import { hashPassword, passwordProblem } from '../passwords.js';
import { recordAudit } from './audit-write.js';

/** A user as shown (never the password hash). */
export interface UserView {
  readonly id: string;
  readonly username: string;
  readonly fullName: string;
  readonly active: boolean;
  readonly grants: Grant[];
}

/** User names: 3-64 of letters, digits, `.`, `_`, `-`, `@`. */
export const USERNAME_PATTERN = /^[A-Za-z0-9._@-]{3,64}$/;

/**
 * Creates a user with a password (hashed with scrypt).
 * @throws TrialError `request.invalid` (user name or password rule), `conflict.duplicate` (name taken).
 */
export async function createUser(
  deps: ServerDeps,
  actor: Actor,
  input: { username: string; fullName: string; password: string },
): Promise<UserView> {
  const role = authorize(actor, 'user.manage', null);
  if (!USERNAME_PATTERN.test(input.username)) {
    throw new TrialError(
      'request.invalid',
      'username: expected 3-64 letters, digits, ".", "_", "-" or "@"',
      'username',
    );
  }
  const problem = passwordProblem(input.password);
  if (problem !== undefined) throw new TrialError('request.invalid', problem, 'password');
  const hash = await hashPassword(input.password, deps.config.scryptCost);
  const id = deps.newId();
  await writeTransaction(deps.db, SYSTEM_CHAIN, async (tx) => {
    const at = isoAt(deps.clock());
    const taken = await tx
      .selectFrom('users')
      .select('id')
      .where('username', '=', input.username)
      .executeTakeFirst();
    if (taken !== undefined)
      throw new TrialError('conflict.duplicate', `user name "${input.username}" is taken`, 'username');
    await tx
      .insertInto('users')
      .values({
        id,
        username: input.username,
        full_name: input.fullName,
        password_hash: hash,
        active: true,
        created_at: at,
      })
      .execute();
    await recordAudit(tx, SYSTEM_CHAIN, at, actor, role, [
      {
        siteId: null,
        action: 'create',
        entity: 'user',
        entityId: id,
        newValue: { username: input.username, fullName: input.fullName },
      },
    ]);
  });
  return { id, username: input.username, fullName: input.fullName, active: true, grants: [] };
}

/**
 * Grants a role: site roles (investigator, coordinator, pharmacist) at one site of a trial; admin
 * system-wide; every other role trial-wide or (monitor) at one site.
 * @throws TrialError `request.invalid` for a combination that does not fit the role, `not_found`.
 */
export async function grantRole(
  deps: ServerDeps,
  actor: Actor,
  userId: string,
  input: { role: string; trialId: string | null; siteId: string | null },
): Promise<Grant> {
  const by = authorize(actor, 'user.manage', null);
  const role: string = input.role;
  if (!isRole(role)) throw new TrialError('request.invalid', `role: unknown role "${role}"`, 'role');
  checkGrantShape(role, input.trialId, input.siteId);
  const id = deps.newId();
  await writeTransaction(deps.db, SYSTEM_CHAIN, async (tx) => {
    const at = isoAt(deps.clock());
    const user = await tx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
    if (user === undefined) throw new TrialError('not_found', `no user "${userId}"`);
    if (input.trialId !== null && input.siteId !== null) {
      const link = await tx
        .selectFrom('trial_sites')
        .select('site_id')
        .where('trial_id', '=', input.trialId)
        .where('site_id', '=', input.siteId)
        .executeTakeFirst();
      if (link === undefined)
        throw new TrialError(
          'request.invalid',
          `siteId: the site is not open in trial "${input.trialId}"`,
          'siteId',
        );
    } else if (input.trialId !== null) {
      const trial = await tx
        .selectFrom('trials')
        .select('id')
        .where('id', '=', input.trialId)
        .executeTakeFirst();
      if (trial === undefined)
        throw new TrialError('request.invalid', `trialId: no trial "${input.trialId}"`, 'trialId');
    }
    const dup = await tx
      .selectFrom('role_grants')
      .select('id')
      .where('user_id', '=', userId)
      .where('role', '=', role)
      .where((eb) =>
        input.trialId === null ? eb('trial_id', 'is', null) : eb('trial_id', '=', input.trialId),
      )
      .where((eb) => (input.siteId === null ? eb('site_id', 'is', null) : eb('site_id', '=', input.siteId)))
      .executeTakeFirst();
    if (dup !== undefined) throw new TrialError('conflict.duplicate', 'the user already holds this grant');
    await tx
      .insertInto('role_grants')
      .values({ id, user_id: userId, role, trial_id: input.trialId, site_id: input.siteId, granted_at: at })
      .execute();
    await recordAudit(tx, SYSTEM_CHAIN, at, actor, by, [
      {
        siteId: input.siteId,
        action: 'grant',
        entity: 'user',
        entityId: userId,
        field: 'role',
        newValue: { role, trialId: input.trialId, siteId: input.siteId },
      },
    ]);
  });
  return { id, role, trialId: input.trialId, siteId: input.siteId };
}

/** Checks that a grant fits its role (admin system-wide, site roles at a site, others trial-wide). @throws TrialError `request.invalid`. */
export function checkGrantShape(role: Role, trialId: string | null, siteId: string | null): void {
  if (role === 'admin') {
    if (trialId !== null || siteId !== null)
      throw new TrialError(
        'request.invalid',
        'admin is granted system-wide: trialId and siteId must be null',
      );
    return;
  }
  if (trialId === null)
    throw new TrialError('request.invalid', `trialId: ${role} is granted in a trial`, 'trialId');
  if (SITE_ROLES.includes(role) && siteId === null)
    throw new TrialError('request.invalid', `siteId: ${role} is granted at a site`, 'siteId');
  if (!SITE_ROLES.includes(role) && role !== 'monitor' && siteId !== null) {
    throw new TrialError('request.invalid', `siteId: ${role} is granted trial-wide (siteId null)`, 'siteId');
  }
}

/** Withdraws a grant. @throws `not_found`. */
export async function revokeGrant(
  deps: ServerDeps,
  actor: Actor,
  userId: string,
  grantId: string,
): Promise<void> {
  const by = authorize(actor, 'user.manage', null);
  await writeTransaction(deps.db, SYSTEM_CHAIN, async (tx) => {
    const at = isoAt(deps.clock());
    const grant = await tx
      .selectFrom('role_grants')
      .selectAll()
      .where('id', '=', grantId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (grant === undefined) throw new TrialError('not_found', 'no such grant');
    await tx.deleteFrom('role_grants').where('id', '=', grantId).execute();
    await recordAudit(tx, SYSTEM_CHAIN, at, actor, by, [
      {
        siteId: grant.site_id,
        action: 'revoke',
        entity: 'user',
        entityId: userId,
        field: 'role',
        oldValue: { role: grant.role, trialId: grant.trial_id, siteId: grant.site_id },
      },
    ]);
  });
}

/** The grants of a user. */
export async function grantsOf(deps: ServerDeps, userId: string): Promise<Grant[]> {
  const rows = await deps.db
    .selectFrom('role_grants')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('granted_at')
    .execute();
  return rows.flatMap((g) =>
    isRole(g.role) ? [{ id: g.id, role: g.role, trialId: g.trial_id, siteId: g.site_id }] : [],
  );
}

/** Every user with their grants (admin). */
export async function listUsers(deps: ServerDeps, actor: Actor): Promise<UserView[]> {
  authorize(actor, 'user.manage', null);
  const users = await deps.db
    .selectFrom('users')
    .select(['id', 'username', 'full_name', 'active'])
    .orderBy('username')
    .execute();
  const grants = await deps.db.selectFrom('role_grants').selectAll().execute();
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    fullName: u.full_name,
    active: u.active,
    grants: grants.flatMap((g) =>
      g.user_id === u.id && isRole(g.role)
        ? [{ id: g.id, role: g.role, trialId: g.trial_id, siteId: g.site_id }]
        : [],
    ),
  }));
}
