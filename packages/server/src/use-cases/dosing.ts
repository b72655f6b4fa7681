import {
  allocationDesignOf,
  buildDosingCalendar,
  buildVisitCalendar,
  classifyAdministration,
  doseStateAt,
  type Zone,
  localDateOf,
  type PlannedDose,
  type PlannedVisit,
  TrialError,
  treatmentFor,
  type VisitCalendarOptions,
} from '@immunotrial/core';
import { type Participant, writeTransaction } from '@immunotrial/db';
import type { Kysely } from 'kysely';
import type { Database } from '@immunotrial/db';
import type { Actor } from '../auth/actor.js';
import { isoAt, type ServerDeps } from '../deps.js';
import { siteZone } from './site-zone.js';
import { type Change, recordAudit } from './audit-write.js';
import { trialOf } from './enrolment.js';
import { participantFor } from './participant-access.js';

const ROUTE_LABEL: Readonly<Record<string, string>> = {
  iv: 'IV infusion',
  sc: 'SC injection',
  im: 'IM injection',
  po: 'oral dose',
  inhaled: 'inhalation',
};

/** A planned dose with what was recorded. Blinded roles get no regimen, product, role or amount. */
export interface DoseView {
  /** `blindedAs#n`: the same in every arm. */
  readonly id: string;
  readonly label: string;
  readonly route: string;
  readonly doseNo: number;
  readonly studyDay: number;
  readonly scheduledAt: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly status: 'planned' | 'given' | 'held' | 'missed';
  /** Timing: upcoming, due, missed (nothing recorded after the window), on_time, out_of_window. */
  readonly state: string;
  readonly givenAt: string | null;
  readonly reason: string | null;
  /** Unblinded roles only. */
  readonly regimen?: string;
  readonly product?: string;
  readonly role?: string;
}

/** Doses stop at death or withdrawal. */
function stopAtOf(p: Participant): number | undefined {
  if (p.status === 'dead' || p.status === 'withdrawn') return Date.parse(p.updated_at);
  return undefined;
}

/**
 * The participant's dosing calendar (core's `buildDosingCalendar`, from D1 in the site's zone) for the
 * regimens of the allocated arm and stratum. Server-internal: it knows the arm.
 * @throws TrialError `state.invalid` before randomization.
 */
export async function dosingCalendarOf(
  deps: ServerDeps,
  db: Kysely<Database>,
  p: Participant,
): Promise<{ calendar: PlannedDose[]; zone: Zone; d1: number }> {
  const allocation = await db
    .selectFrom('allocations')
    .select(['arm', 'protocol_version'])
    .where('participant_id', '=', p.id)
    .executeTakeFirst();
  if (allocation === undefined || p.d1_at === null)
    throw new TrialError('state.invalid', 'the participant has no dosing calendar before randomization');
  const loaded = await deps.protocols.get(db, p.trial_id, allocation.protocol_version);
  const design = allocationDesignOf(loaded.protocol);
  const regimens = treatmentFor(design.treatments, allocation.arm, p.stratum ?? undefined).regimens;
  const zone = await siteZone(db, p.site_id);
  const d1 = Date.parse(p.d1_at);
  const stopAt = stopAtOf(p);
  return {
    calendar: buildDosingCalendar(
      loaded.protocol.regimens,
      regimens,
      d1,
      zone,
      stopAt === undefined ? {} : { stopAt },
    ),
    zone,
    d1,
  };
}

/** The participant's doses with their records. */
export async function participantDoses(
  deps: ServerDeps,
  actor: Actor,
  participantId: string,
): Promise<DoseView[]> {
  const { participant: p, unblinded } = await participantFor(deps.db, actor, participantId, 'dose.read');
  const { calendar } = await dosingCalendarOf(deps, deps.db, p);
  const records = await deps.db
    .selectFrom('administrations')
    .selectAll()
    .where('participant_id', '=', p.id)
    .execute();
  const now = deps.clock();
  return calendar.map((d): DoseView => {
    const rec = records.find((r) => `${r.regimen_id}#${String(r.dose_no)}` === d.id);
    const givenAt = rec?.given_at === null || rec === undefined ? undefined : Date.parse(rec.given_at);
    const status =
      rec === undefined
        ? 'planned'
        : rec.status === 'given' || rec.status === 'held' || rec.status === 'missed'
          ? rec.status
          : 'planned';
    const doseNo = Number(d.id.slice(d.id.lastIndexOf('#') + 1));
    return {
      id: d.id,
      label: `${ROUTE_LABEL[d.route] ?? d.route} ${String(doseNo)}`,
      route: d.route,
      doseNo,
      studyDay: d.studyDay,
      scheduledAt: isoAt(d.plannedAt),
      windowStart: isoAt(d.window.earliest),
      windowEnd: isoAt(d.window.latest),
      status,
      state: rec !== undefined && rec.status !== 'given' ? rec.status : doseStateAt(d, givenAt, now),
      givenAt: rec?.given_at ?? null,
      reason: rec?.reason ?? null,
      ...(unblinded ? { regimen: d.regimen, product: d.product, role: d.role } : {}),
    };
  });
}

/**
 * Records a dose as given (with the time), held or missed (with a reason). An edit of a recorded dose
 * needs a reason. A dose given outside its window, or missed, becomes a protocol deviation; the first
 * dose given moves the participant to `on_treatment`.
 * @throws TrialError `request.invalid` (reason or time missing, time in the future), `not_found` (no such
 *   planned dose), `state.invalid` (not randomized, or withdrawn/dead).
 */
export async function recordAdministration(
  deps: ServerDeps,
  actor: Actor,
  participantId: string,
  doseId: string,
  input: { status: 'given' | 'held' | 'missed'; givenAt?: number | undefined; reason?: string | undefined },
): Promise<DoseView> {
  if (input.status === 'given' && input.givenAt === undefined)
    throw new TrialError('request.invalid', 'givenAt: required for a given dose', 'givenAt');
  if (input.status !== 'given' && (input.reason ?? '').trim() === '')
    throw new TrialError('request.invalid', `reason: required for a ${input.status} dose`, 'reason');
  if (input.givenAt !== undefined && input.givenAt > deps.clock() + 5 * 60_000)
    throw new TrialError('request.invalid', 'givenAt: in the future', 'givenAt');
  const trialId = await trialOf(deps, participantId);
  await writeTransaction(deps.db, trialId, async (tx) => {
    const { participant: p, role } = await participantFor(tx, actor, participantId, 'dose.write', true);
    if (p.status === 'dead' || p.status === 'withdrawn')
      throw new TrialError('state.invalid', `no dose can be recorded for a ${p.status} participant`);
    const { calendar } = await dosingCalendarOf(deps, tx, p);
    const planned = calendar.find((d) => d.id === doseId);
    if (planned === undefined) throw new TrialError('not_found', `no planned dose "${doseId}"`);
    const hash = planned.id.lastIndexOf('#');
    const blindedAs = planned.id.slice(0, hash);
    const doseNo = Number(planned.id.slice(hash + 1));
    const existing = await tx
      .selectFrom('administrations')
      .selectAll()
      .where('participant_id', '=', p.id)
      .where('regimen_id', '=', blindedAs)
      .where('dose_no', '=', doseNo)
      .executeTakeFirst();
    if (existing !== undefined && (input.reason ?? '').trim() === '')
      throw new TrialError(
        'request.invalid',
        'reason: a recorded dose can be changed only with a reason',
        'reason',
      );
    const at = isoAt(deps.clock());
    const givenAt = input.givenAt === undefined ? null : isoAt(input.givenAt);
    const row = {
      status: input.status,
      given_at: givenAt,
      reason: input.reason ?? null,
      recorded_by: actor.userId,
      recorded_at: at,
    };
    if (existing === undefined) {
      await tx
        .insertInto('administrations')
        .values({
          id: deps.newId(),
          trial_id: trialId,
          participant_id: p.id,
          regimen_id: blindedAs,
          dose_no: doseNo,
          scheduled_at: isoAt(planned.plannedAt),
          protocol_version: p.protocol_version,
          ...row,
        })
        .execute();
    } else {
      await tx.updateTable('administrations').set(row).where('id', '=', existing.id).execute();
    }
    const changes: Change[] = [
      {
        siteId: p.site_id,
        action: existing === undefined ? 'create' : 'update',
        entity: 'administration',
        entityId: `${p.id}/${doseId}`,
        field: 'status',
        oldValue: existing === undefined ? null : { status: existing.status, givenAt: existing.given_at },
        newValue: { status: input.status, givenAt },
        reason: input.reason ?? null,
        protocolVersion: p.protocol_version,
      },
    ];
    const deviation =
      input.status === 'missed'
        ? `dose ${doseId} missed: ${input.reason ?? ''}`
        : input.givenAt !== undefined
          ? outOfWindow(planned, input.givenAt)
          : undefined;
    if (deviation !== undefined) {
      const id = deps.newId();
      const kind = input.status === 'missed' ? 'dose_missed' : 'dose_out_of_window';
      await tx
        .insertInto('deviations')
        .values({
          id,
          trial_id: trialId,
          site_id: p.site_id,
          participant_id: p.id,
          kind,
          description: deviation,
          origin: 'auto',
          related_id: doseId,
          at,
          recorded_by: actor.userId,
          protocol_version: p.protocol_version,
        })
        .execute();
      changes.push({
        siteId: p.site_id,
        action: 'create',
        entity: 'deviation',
        entityId: id,
        newValue: { kind, description: deviation },
        protocolVersion: p.protocol_version,
      });
    }
    if (input.status === 'given' && p.status === 'randomized') {
      await tx
        .updateTable('participants')
        .set({ status: 'on_treatment', updated_at: at })
        .where('id', '=', p.id)
        .execute();
      changes.push({
        siteId: p.site_id,
        action: 'update',
        entity: 'participant',
        entityId: p.id,
        field: 'status',
        oldValue: p.status,
        newValue: 'on_treatment',
        protocolVersion: p.protocol_version,
      });
    }
    await recordAudit(tx, trialId, at, actor, role, changes);
  });
  const doses = await participantDoses(deps, actor, participantId);
  const view = doses.find((d) => d.id === doseId);
  if (view === undefined) throw new Error('internal: recorded dose not in the calendar');
  return view;
}

function outOfWindow(planned: PlannedDose, givenAt: number): string | undefined {
  const c = classifyAdministration(planned, givenAt);
  if (c.status === 'on_time') return undefined;
  return `dose ${planned.id} given ${String(Math.round(Math.abs(c.offsetMinutes)))} min ${c.deviation === 'early' ? 'early' : 'late'}, outside its window`;
}

/** A planned visit with its state. */
export interface VisitView {
  readonly visitId: string;
  readonly visit: string;
  readonly label: string;
  readonly day: number;
  readonly date: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly status: 'upcoming' | 'due' | 'done' | 'missed';
  readonly formIds: string[];
}

/**
 * The end events the server knows of a participant's visit calendar: the recorded ICU and hospital
 * discharges (repeats "until icu_discharge" stop there) and the stop at death or withdrawal.
 */
export function visitOptionsOf(p: Participant): VisitCalendarOptions {
  const stopAt = stopAtOf(p);
  return {
    ...(p.icu_discharged_at === null ? {} : { icuDischargeAt: Date.parse(p.icu_discharged_at) }),
    ...(p.hospital_discharged_at === null
      ? {}
      : { hospitalDischargeAt: Date.parse(p.hospital_discharged_at) }),
    ...(stopAt === undefined ? {} : { stopAt }),
  };
}

/** The participant's visit calendar; a visit is done when a form was saved for it. */
export async function participantVisits(
  deps: ServerDeps,
  actor: Actor,
  participantId: string,
): Promise<VisitView[]> {
  const { participant: p } = await participantFor(deps.db, actor, participantId, 'dose.read');
  if (p.d1_at === null) return [];
  const loaded = await deps.protocols.get(deps.db, p.trial_id, p.protocol_version);
  const zone = await siteZone(deps.db, p.site_id);
  const calendar: PlannedVisit[] = buildVisitCalendar(
    loaded.protocol.visits,
    Date.parse(p.d1_at),
    zone,
    visitOptionsOf(p),
  );
  const entries = await deps.db
    .selectFrom('form_entries')
    .select(['form_id', 'instance'])
    .where('participant_id', '=', p.id)
    .execute();
  const today = localDateOf(deps.clock(), zone);
  return calendar.map((v) => {
    const formIds = loaded.protocol.forms
      .filter((f) => f.repeat === 'per_visit' && (f.visits ?? []).includes(v.visit))
      .map((f) => f.id);
    const done = entries.some((e) => e.instance === v.id);
    const status = done
      ? 'done'
      : v.window.to < today
        ? 'missed'
        : v.window.from <= today
          ? 'due'
          : 'upcoming';
    return {
      visitId: v.id,
      visit: v.visit,
      label: v.label ?? v.visit,
      day: v.studyDay,
      date: v.date,
      windowStart: v.window.from,
      windowEnd: v.window.to,
      status,
      formIds,
    };
  });
}
