import { type AuditEvent, type JsonValue, SYSTEM_CHAIN } from '@immunotrial/db';
import { type Actor, authorize, seesArms, sitesFor } from '../auth/actor.js';
import type { ServerDeps } from '../deps.js';

/** An audit event as shown. For a blinded role, a blinded event's values are withheld (`masked`). */
export interface AuditEventView {
  readonly seq: number;
  readonly at: string;
  readonly actorName: string;
  readonly role: string | null;
  readonly siteId: string | null;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly field: string | null;
  readonly oldValue: JsonValue;
  readonly newValue: JsonValue;
  readonly reason: string | null;
  readonly protocolVersion: number | null;
  readonly masked: boolean;
  readonly hash: string;
}

/** Filters of the audit view. */
export interface AuditFilter {
  readonly participantId?: string | undefined;
  readonly entity?: string | undefined;
  readonly actor?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

function present(e: AuditEvent, unblinded: boolean): AuditEventView {
  const masked = e.blinded && !unblinded;
  return {
    seq: e.seq,
    at: e.at,
    actorName: e.actor_name,
    role: e.role,
    siteId: e.site_id,
    action: e.action,
    entity: e.entity,
    entityId: e.entity_id,
    field: e.field,
    oldValue: masked ? null : e.old_value,
    newValue: masked ? null : e.new_value,
    reason: e.reason,
    protocolVersion: e.protocol_version,
    masked,
    hash: e.hash,
  };
}

/**
 * A trial's audit trail, filtered and paged, for the sites the actor may audit. Blinded roles see every
 * event but not the values of blinded ones (allocations, hidden biomarkers, unblinding reveals).
 */
export async function listAudit(
  deps: ServerDeps,
  actor: Actor,
  trialId: string,
  filter: AuditFilter = {},
): Promise<{ total: number; events: AuditEventView[] }> {
  authorize(actor, 'audit.read', trialId);
  const scope = sitesFor(actor, 'audit.read', trialId);
  const unblinded = seesArms(actor, trialId);
  let q = deps.db.selectFrom('audit_events').where('trial_id', '=', trialId);
  if (scope !== 'all') q = q.where((eb) => eb.or([eb('site_id', 'in', ['', ...scope])]));
  if (filter.participantId !== undefined)
    q = q.where('entity_id', 'like', `${filter.participantId.replace(/[%_\\]/g, '')}%`);
  if (filter.entity !== undefined) q = q.where('entity', '=', filter.entity);
  if (filter.actor !== undefined) q = q.where('actor_name', '=', filter.actor);
  if (filter.from !== undefined) q = q.where('at', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('at', '<=', filter.to);
  const count = await q.select((eb) => eb.fn.countAll<number | string | bigint>().as('n')).executeTakeFirst();
  const rows = await q
    .selectAll()
    .orderBy('seq')
    .limit(Math.min(filter.limit ?? 200, 1000))
    .offset(filter.offset ?? 0)
    .execute();
  return { total: Number(count?.n ?? 0), events: rows.map((e) => present(e, unblinded)) };
}

/** The system chain (users, grants, sites, sign-ins): admins only. */
export async function listSystemAudit(
  deps: ServerDeps,
  actor: Actor,
  filter: AuditFilter = {},
): Promise<{ total: number; events: AuditEventView[] }> {
  authorize(actor, 'user.manage', null);
  const q = deps.db.selectFrom('audit_events').where('trial_id', '=', SYSTEM_CHAIN);
  const count = await q.select((eb) => eb.fn.countAll<number | string | bigint>().as('n')).executeTakeFirst();
  const rows = await q
    .selectAll()
    .orderBy('seq')
    .limit(Math.min(filter.limit ?? 200, 1000))
    .offset(filter.offset ?? 0)
    .execute();
  return { total: Number(count?.n ?? 0), events: rows.map((e) => present(e, false)) };
}
