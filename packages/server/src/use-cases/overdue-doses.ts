import type { PlannedDose } from '@immunotrial/core';
import { type Participant, type Tx, writeTransaction } from '@immunotrial/db';
import { SYSTEM_ACTOR } from '../auth/actor.js';
import { isoAt, type ServerDeps } from '../deps.js';
import { type Change, recordAudit } from './audit-write.js';
import { dosingCalendarOf } from './dosing.js';

/** The deviation kind the sweep writes; the database holds at most one per planned dose. */
export const DOSE_NOT_RECORDED = 'dose.not_recorded';

/**
 * Statuses in which planned doses are still expected. `follow_up` is swept too, but only for windows that
 * closed before the participant entered follow-up (treatment stopped then). Withdrawn, dead and completed
 * participants are left alone: their calendars stopped, and what was owed before is for a person to judge.
 */
const SWEPT_STATUSES = ['randomized', 'on_treatment', 'follow_up'] as const;

/** What one sweep did. */
export interface OverdueSweepReport {
  /** Participants examined. */
  readonly participants: number;
  /** Deviations written by this sweep (not those another process wrote first). */
  readonly deviations: number;
  /** Participants whose sweep failed (the others still ran); the cause is in `message`. */
  readonly failed: readonly { readonly participantId: string; readonly message: string }[];
}

/** The instant up to which closed windows count: now, or the move to follow-up. */
function cutoffOf(p: Participant, now: number): number {
  return p.status === 'follow_up' ? Math.min(now, Date.parse(p.updated_at)) : now;
}

/**
 * The description of the deviation. It names the dose by its blinded identity (`ifn-gamma-sc`, the regimen
 * it looks like, the same in every arm): every reader of deviations sees it, blinded roles included.
 */
function describe(dose: PlannedDose): string {
  const hash = dose.id.lastIndexOf('#');
  return (
    `dose ${dose.id.slice(0, hash)} no. ${dose.id.slice(hash + 1)} not recorded: ` +
    `its window closed at ${isoAt(dose.window.latest)} (UTC) with no administration recorded`
  );
}

async function overdueDoses(deps: ServerDeps, tx: Tx, p: Participant, now: number): Promise<PlannedDose[]> {
  const { calendar } = await dosingCalendarOf(deps, tx, p);
  const cutoff = cutoffOf(p, now);
  const closed = calendar.filter((d) => d.window.latest < cutoff);
  if (closed.length === 0) return [];
  const recorded = await tx
    .selectFrom('administrations')
    .select(['regimen_id', 'dose_no'])
    .where('participant_id', '=', p.id)
    .execute();
  const recordedIds = new Set(recorded.map((r) => `${r.regimen_id}#${String(r.dose_no)}`));
  const swept = await tx
    .selectFrom('deviations')
    .select('related_id')
    .where('participant_id', '=', p.id)
    .where('kind', '=', DOSE_NOT_RECORDED)
    .execute();
  const sweptIds = new Set(swept.map((d) => d.related_id));
  return closed.filter((d) => !recordedIds.has(d.id) && !sweptIds.has(d.id));
}

/** Sweeps one participant in its own transaction; returns the number of deviations written. */
async function sweepParticipant(deps: ServerDeps, participantId: string, trialId: string): Promise<number> {
  return writeTransaction(deps.db, trialId, async (tx) => {
    // The row lock queues the sweep behind a dose being recorded for this participant (which locks it
    // too), so a dose recorded just before is seen and one recorded just after finds its deviation.
    const p = await tx
      .selectFrom('participants')
      .selectAll()
      .where('id', '=', participantId)
      .forUpdate()
      .executeTakeFirst();
    if (p === undefined || !(SWEPT_STATUSES as readonly string[]).includes(p.status) || p.d1_at === null)
      return 0;
    const now = deps.clock();
    const doses = await overdueDoses(deps, tx, p, now);
    if (doses.length === 0) return 0;
    const at = isoAt(now);
    const rows = doses.map((d) => ({
      id: deps.newId(),
      trial_id: p.trial_id,
      site_id: p.site_id,
      participant_id: p.id,
      kind: DOSE_NOT_RECORDED,
      description: describe(d),
      origin: 'auto',
      related_id: d.id,
      at,
      recorded_by: SYSTEM_ACTOR.userId,
      protocol_version: p.protocol_version,
    }));
    // Another process may have written some of them since our read: the unique index
    // deviations_dose_not_recorded drops those, and only the rows really inserted are audited.
    const inserted = await tx
      .insertInto('deviations')
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .execute();
    const insertedIds = new Set(inserted.map((r) => r.id));
    const changes: Change[] = rows
      .filter((r) => insertedIds.has(r.id))
      .map((r) => ({
        siteId: r.site_id,
        action: 'create',
        entity: 'deviation',
        entityId: r.id,
        newValue: { kind: r.kind, description: r.description, doseId: r.related_id },
        protocolVersion: r.protocol_version,
      }));
    await recordAudit(tx, p.trial_id, at, SYSTEM_ACTOR, null, changes);
    return changes.length;
  });
}

/**
 * Writes one automatic protocol deviation (`dose.not_recorded`) for every planned dose whose window closed
 * before `deps.clock()` with nothing recorded (given, held or missed), for every randomized participant still
 * expected to be dosed. Each participant is swept in its own transaction with its audit events (actor:
 * the system). Idempotent, also across processes: a unique index keeps one deviation per dose. A dose
 * recorded later does not remove its deviation: the dose was not recorded in its window, which happened.
 * @returns How many participants were examined and deviations written, and any participant that failed.
 */
export async function sweepOverdueDoses(deps: ServerDeps): Promise<OverdueSweepReport> {
  const candidates = await deps.db
    .selectFrom('participants')
    .select(['id', 'trial_id'])
    .where('status', 'in', SWEPT_STATUSES)
    .where('d1_at', 'is not', null)
    .orderBy('id')
    .execute();
  let deviations = 0;
  const failed: { participantId: string; message: string }[] = [];
  for (const c of candidates) {
    try {
      deviations += await sweepParticipant(deps, c.id, c.trial_id);
    } catch (error) {
      failed.push({ participantId: c.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { participants: candidates.length, deviations, failed };
}
