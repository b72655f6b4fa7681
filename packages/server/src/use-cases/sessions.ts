import { TrialError } from '@immunotrial/core';
import { preparedQuery, SYSTEM_CHAIN, writeTransaction } from '@immunotrial/db';
import { type Actor, SYSTEM_ACTOR } from '../auth/actor.js';
import { isoAt, type ServerDeps, sha256Hex } from '../deps.js';
import { hashPassword, passwordProblem, verifyPassword } from '../passwords.js';
import { recordAudit } from './audit-write.js';
import { isRole } from '../auth/roles.js';
import { grantsOf } from './users.js';

/** A session as the client sees it (web-api-needs.md `Session`). */
export interface SessionView {
  readonly user: { readonly id: string; readonly username: string; readonly fullName: string };
  readonly grants: Actor['grants'];
  readonly csrfToken: string;
  readonly expiresAt: string;
}

async function failuresSince(deps: ServerDeps, key: string, since: string): Promise<number> {
  const lastSuccess = await deps.db
    .selectFrom('login_attempts')
    .select('at')
    .where('key', '=', key)
    .where('success', '=', true)
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const from = lastSuccess !== undefined && lastSuccess.at > since ? lastSuccess.at : since;
  const row = await deps.db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where('key', '=', key)
    .where('success', '=', false)
    .where('at', '>', from)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Signs a user in: checks the rate limit (failed attempts per user name and per client address in the
 * window, counted in the database so every server process sees them), the password, and opens a session.
 * A refused attempt says only "wrong user name or password", whichever was wrong.
 * @param client - The client's address (rate-limit key).
 * @returns The session token (for the cookie; stored only as its SHA-256) and the session.
 * @throws TrialError `auth.rate_limited` (429), `auth.failed` (401).
 */
export async function login(
  deps: ServerDeps,
  input: { username: string; password: string; client: string },
): Promise<{ token: string; session: SessionView }> {
  const now = deps.clock();
  const since = isoAt(now - deps.config.loginWindowMs);
  const keys = [`user:${input.username.toLowerCase()}`, `client:${input.client}`];
  for (const key of keys) {
    if ((await failuresSince(deps, key, since)) >= deps.config.maxLoginFailures) {
      throw new TrialError('auth.rate_limited', 'too many failed sign-ins: wait 15 minutes and try again');
    }
  }
  const user = await deps.db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', input.username)
    .executeTakeFirst();
  // Verify against a dummy hash for an unknown user, so the response time does not tell names apart.
  const ok = user !== undefined && user.active && (await verifyPassword(input.password, user.password_hash));
  if (user === undefined) await verifyPassword(input.password, DUMMY_HASH);
  const token = deps.randomHex(32);
  const csrfToken = deps.randomHex(32);
  const expiresAt = isoAt(now + deps.config.sessionIdleMs);
  await writeTransaction(deps.db, SYSTEM_CHAIN, async (tx) => {
    const at = isoAt(deps.clock());
    for (const key of keys)
      await tx.insertInto('login_attempts').values({ id: deps.newId(), key, at, success: ok }).execute();
    if (ok) {
      await tx
        .insertInto('sessions')
        .values({
          id: sha256Hex(token),
          user_id: user.id,
          csrf_token: csrfToken,
          created_at: at,
          expires_at: expiresAt,
          last_seen_at: at,
        })
        .execute();
    }
    await recordAudit(tx, SYSTEM_CHAIN, at, user === undefined ? SYSTEM_ACTOR : toActor(user), null, [
      {
        siteId: null,
        action: ok ? 'login' : 'login_failed',
        entity: 'user',
        entityId: user?.id ?? `unknown:${input.username.slice(0, 64)}`,
        newValue: { client: input.client },
      },
    ]);
  });
  if (!ok) throw new TrialError('auth.failed', 'wrong user name or password');
  const grants = await grantsOf(deps, user.id);
  return {
    token,
    session: {
      user: { id: user.id, username: user.username, fullName: user.full_name },
      grants,
      csrfToken,
      expiresAt,
    },
  };
}

// scrypt of a random password at N = 2^10: only its running time matters.
const DUMMY_HASH = 'scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA==$' + 'A'.repeat(86) + '==';

function toActor(u: { id: string; username: string; full_name: string }): Actor {
  return { userId: u.id, username: u.username, fullName: u.full_name, grants: [] };
}

// One round trip at every request: the session, its user and the user's grants (one row per grant).
const SESSION_QUERY = preparedQuery(1, (db, id: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('role_grants', 'role_grants.user_id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.csrf_token',
      'sessions.created_at',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'users.id as user_id',
      'users.username',
      'users.full_name',
      'users.active',
      'role_grants.id as grant_id',
      'role_grants.role',
      'role_grants.trial_id',
      'role_grants.site_id',
    ])
    .where('sessions.id', '=', id)
    .orderBy('role_grants.granted_at'),
);

/**
 * The actor of a session token: checks that the session exists and has not expired (idle or absolute),
 * and slides the idle expiry forward (written at most once a minute).
 * @throws TrialError `auth.required` (401) for no or an unknown token, `auth.expired` (401).
 */
export async function authenticate(
  deps: ServerDeps,
  token: string | undefined,
): Promise<{ actor: Actor; session: SessionView }> {
  if (token === undefined || token === '') throw new TrialError('auth.required', 'sign in first');
  const id = sha256Hex(token);
  const rows = await SESSION_QUERY.execute(deps.db, [id]);
  const row = rows[0];
  if (row === undefined || !row.active) throw new TrialError('auth.required', 'sign in first');
  const now = deps.clock();
  const absoluteEnd = Date.parse(row.created_at) + deps.config.sessionMaxMs;
  if (Date.parse(row.expires_at) <= now || absoluteEnd <= now) {
    await deps.db.deleteFrom('sessions').where('id', '=', id).execute();
    throw new TrialError('auth.expired', 'your session has expired: sign in again');
  }
  let expiresAt = row.expires_at;
  if (now - Date.parse(row.last_seen_at) > 60_000) {
    expiresAt = isoAt(Math.min(now + deps.config.sessionIdleMs, absoluteEnd));
    await deps.db
      .updateTable('sessions')
      .set({ last_seen_at: isoAt(now), expires_at: expiresAt })
      .where('id', '=', id)
      .execute();
  }
  const grants = rows.flatMap((r) =>
    r.grant_id !== null && r.role !== null && isRole(r.role)
      ? [{ id: r.grant_id, role: r.role, trialId: r.trial_id, siteId: r.site_id }]
      : [],
  );
  const actor: Actor = { userId: row.user_id, username: row.username, fullName: row.full_name, grants };
  return {
    actor,
    session: {
      user: { id: row.user_id, username: row.username, fullName: row.full_name },
      grants,
      csrfToken: row.csrf_token,
      expiresAt,
    },
  };
}

/** Ends a session (idempotent). */
export async function logout(deps: ServerDeps, token: string): Promise<void> {
  await deps.db.deleteFrom('sessions').where('id', '=', sha256Hex(token)).execute();
}

/**
 * Checks an electronic signature's password re-entry (21 CFR 11.200(a)(1)(i): both components at the first
 * signing of a session, the password at each). Failures count toward the sign-in rate limit.
 * @throws TrialError `signature.invalid` (403, not 401: the session stays valid), `auth.rate_limited`.
 */
export async function checkSignaturePassword(
  deps: ServerDeps,
  actor: Actor,
  password: string,
): Promise<void> {
  const key = `user:${actor.username.toLowerCase()}`;
  const since = isoAt(deps.clock() - deps.config.loginWindowMs);
  if ((await failuresSince(deps, key, since)) >= deps.config.maxLoginFailures) {
    throw new TrialError(
      'auth.rate_limited',
      'too many failed password entries: wait 15 minutes and try again',
    );
  }
  const user = await deps.db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', actor.userId)
    .executeTakeFirst();
  const ok = user !== undefined && (await verifyPassword(password, user.password_hash));
  if (!ok) {
    await deps.db
      .insertInto('login_attempts')
      .values({ id: deps.newId(), key, at: isoAt(deps.clock()), success: false })
      .execute();
    throw new TrialError(
      'signature.invalid',
      'the password does not match: the signature was not applied',
      'password',
    );
  }
}

/**
 * Creates the first administrator when the database has no user (first start). Returns undefined when
 * users exist.
 * @param password - Given (IMMUNOTRIAL_ADMIN_PASSWORD) or generated by the caller.
 */
export async function bootstrapAdmin(
  deps: ServerDeps,
  input: { username: string; fullName: string; password: string },
): Promise<{ userId: string } | undefined> {
  const problem = passwordProblem(input.password);
  if (problem !== undefined) throw new TrialError('request.invalid', `admin ${problem}`, 'password');
  const hash = await hashPassword(input.password, deps.config.scryptCost);
  const userId = deps.newId();
  return writeTransaction(deps.db, SYSTEM_CHAIN, async (tx) => {
    const any = await tx.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (any !== undefined) return undefined;
    const at = isoAt(deps.clock());
    await tx
      .insertInto('users')
      .values({
        id: userId,
        username: input.username,
        full_name: input.fullName,
        password_hash: hash,
        active: true,
        created_at: at,
      })
      .execute();
    await tx
      .insertInto('role_grants')
      .values({
        id: deps.newId(),
        user_id: userId,
        role: 'admin',
        trial_id: null,
        site_id: null,
        granted_at: at,
      })
      .execute();
    await recordAudit(tx, SYSTEM_CHAIN, at, SYSTEM_ACTOR, null, [
      {
        siteId: null,
        action: 'create',
        entity: 'user',
        entityId: userId,
        newValue: { username: input.username, fullName: input.fullName },
      },
      {
        siteId: null,
        action: 'grant',
        entity: 'user',
        entityId: userId,
        field: 'role',
        newValue: { role: 'admin', trialId: null, siteId: null },
      },
    ]);
    return { userId };
  });
}

/**
 * Changes the signed-in user's password (the current one is required); other sessions of the user end.
 * @throws TrialError `signature.invalid` (wrong current password), `request.invalid` (password rule).
 */
export async function changePassword(
  deps: ServerDeps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; keepSession: string },
): Promise<void> {
  const problem = passwordProblem(input.newPassword);
  if (problem !== undefined)
    throw new TrialError('request.invalid', `newPassword: ${problem}`, 'newPassword');
  await checkSignaturePassword(deps, actor, input.currentPassword);
  const hash = await hashPassword(input.newPassword, deps.config.scryptCost);
  await writeTransaction(deps.db, SYSTEM_CHAIN, async (tx) => {
    const at = isoAt(deps.clock());
    await tx.updateTable('users').set({ password_hash: hash }).where('id', '=', actor.userId).execute();
    await tx
      .deleteFrom('sessions')
      .where('user_id', '=', actor.userId)
      .where('id', '!=', sha256Hex(input.keepSession))
      .execute();
    await recordAudit(tx, SYSTEM_CHAIN, at, actor, null, [
      { siteId: null, action: 'change_password', entity: 'user', entityId: actor.userId, field: 'password' },
    ]);
  });
}
