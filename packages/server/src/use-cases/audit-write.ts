import { type AuditEntry, appendAuditEvents, type Tx } from '@immunotrial/db';
import type { Actor } from '../auth/actor.js';

/** An audit entry without its actor: `recordAudit` adds who acted and under which role. */
export type Change = Omit<AuditEntry, 'actorId' | 'actorName' | 'role'>;

/**
 * Appends the changes a service made to the chain, in the service's transaction, naming the actor and
 * the role that authorised the change.
 * @param chain - The trial id (or `_system`).
 * @param at - ISO-8601 UTC time of the change.
 */
export async function recordAudit(
  tx: Tx,
  chain: string,
  at: string,
  actor: Actor,
  role: string | null,
  changes: readonly Change[],
): Promise<void> {
  await appendAuditEvents(tx, chain, at, auditEntries(actor, role, changes));
}

/** The changes as audit entries naming the actor and the role that authorised them. */
export function auditEntries(actor: Actor, role: string | null, changes: readonly Change[]): AuditEntry[] {
  return changes.map((c) => ({ ...c, actorId: actor.userId, actorName: actor.fullName, role }));
}
