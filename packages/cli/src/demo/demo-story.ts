import { addDays, type Form, localDateOf, type Protocol, startOfLocalDate } from '@immunotrial/core';
import {
  answerQuery,
  changeStatus,
  closeQuery,
  confirmEligibility,
  evaluateBundle,
  listQueries,
  outcomeOfResult,
  participantDoses,
  participantVisits,
  randomizeParticipant,
  recordAdministration,
  recordConsent,
  recordScreening,
  saveForm,
  type ServerDeps,
  signForm,
} from '@immunotrial/server';
import type { DemoPatient } from './demo-cohort.js';
import { type DemoFormValue, formValuesFrom, infectionValues, slipOf } from './demo-forms.js';
import type { DemoRandom } from './demo-random.js';
import type { DemoSchedule } from './demo-schedule.js';
import type { DemoSite, DemoUnit } from './demo-setup.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Study days whose daily forms the demo fills (the first week: the ICU stay after randomization). */
const DAILY_FORM_DAYS = 7;
/** Infections are logged to the end of follow-up: INFINITY's primary endpoint horizon (28 days, assumed). */
const INFECTION_FOLLOW_UP_MS = 28 * DAY_MS;

/** What the demo recorded, by kind. */
export interface DemoCounts {
  screened: number;
  eligible: number;
  ineligible: number;
  incomplete: number;
  consented: number;
  randomized: number;
  dosesGiven: number;
  dosesOutOfWindow: number;
  dosesHeld: number;
  dosesMissed: number;
  formsSaved: number;
  formsSigned: number;
  autoQueries: number;
  queriesAnswered: number;
  queriesClosed: number;
  infections: number;
  deaths: number;
  completed: number;
}

/** Everything a patient's story needs. */
export interface StoryContext {
  readonly deps: ServerDeps;
  readonly unit: DemoUnit;
  readonly protocol: Protocol;
  readonly schedule: DemoSchedule;
  readonly random: DemoRandom;
  readonly password: string;
  readonly counts: DemoCounts;
}

/** A zero tally. */
export function emptyCounts(): DemoCounts {
  return {
    screened: 0,
    eligible: 0,
    ineligible: 0,
    incomplete: 0,
    consented: 0,
    randomized: 0,
    dosesGiven: 0,
    dosesOutOfWindow: 0,
    dosesHeld: 0,
    dosesMissed: 0,
    formsSaved: 0,
    formsSigned: 0,
    autoQueries: 0,
    queriesAnswered: 0,
    queriesClosed: 0,
    infections: 0,
    deaths: 0,
    completed: 0,
  };
}

function localAt(date: string, hour: number, site: DemoSite): number {
  return startOfLocalDate(date, site.zone) + hour * HOUR_MS;
}

/**
 * Plans a virtual patient's screening at its site: the coordinator screens the bundle at each planned
 * screening time (ICU day 1 when none was planned: the patient left the ICU or died first) and logs the
 * first eligible result, or the last one; an eligible patient goes on to consent and randomization.
 */
export function planPatient(ctx: StoryContext, patient: DemoPatient): void {
  const site = ctx.unit.sites[patient.index % ctx.unit.sites.length];
  if (site === undefined) throw new Error('internal: no demo site');
  const times = patient.screenings.length > 0 ? patient.screenings : [patient.icuAdmission + DAY_MS];
  const due = times.filter((t) => t <= ctx.schedule.end);
  const screen = async (k: number): Promise<void> => {
    const at = due[k];
    if (at === undefined) return;
    const result = await evaluateBundle(ctx.deps, site.coordinator, ctx.unit.trialId, {
      siteId: site.id,
      bundle: patient.bundle,
      at,
    });
    if (result.status !== 'eligible' && k + 1 < due.length) {
      const next = due[k + 1] ?? at;
      ctx.schedule.at(next + 30 * MINUTE_MS, () => screen(k + 1));
      return;
    }
    const { participant } = await recordScreening(ctx.deps, site.coordinator, ctx.unit.trialId, {
      siteId: site.id,
      source: 'fhir',
      outcome: outcomeOfResult(result, new Date(at).toISOString()),
    });
    ctx.counts.screened++;
    ctx.counts[result.status]++;
    if (result.status !== 'eligible') return;
    const answers = Object.fromEntries(
      result.criteria.filter((c) => attested(ctx.protocol, c.id)).map((c) => [c.id, c.result === 'met']),
    );
    planEnrolment(ctx, patient, site, participant.id, at, answers);
  };
  const first = due[0];
  if (first !== undefined) ctx.schedule.at(first + 30 * MINUTE_MS, () => screen(0));
}

function attested(protocol: Protocol, id: string): boolean {
  const { inclusion, exclusion } = protocol.eligibility;
  return [...inclusion, ...exclusion].some((c) => c.id === id && c.attestation === true);
}

function planEnrolment(
  ctx: StoryContext,
  patient: DemoPatient,
  site: DemoSite,
  participantId: string,
  screenedAt: number,
  answers: Record<string, boolean>,
): void {
  const consentAt =
    screenedAt + HOUR_MS + Math.round(ctx.random.uniform('consent', patient.id) * 3 * HOUR_MS);
  // The patient died before the family could be asked: no consent, nothing more.
  if (patient.death !== undefined && patient.death < consentAt + 2 * HOUR_MS) return;
  const u = ctx.random.uniform('consent-giver', patient.id);
  const givenBy = u < 0.65 ? 'relative' : u < 0.9 ? 'patient' : 'legal_representative';
  ctx.schedule.at(consentAt, async () => {
    await recordConsent(ctx.deps, site.coordinator, participantId, {
      givenBy,
      consentDate: localDateOf(consentAt, site.zone),
    });
    ctx.counts.consented++;
  });
  ctx.schedule.at(consentAt + 40 * MINUTE_MS, async () => {
    await confirmEligibility(ctx.deps, site.investigator, participantId, {
      answers,
      password: ctx.password,
      meaning: 'I confirm that this patient meets every eligibility criterion',
    });
  });
  ctx.schedule.at(consentAt + 70 * MINUTE_MS, async () => {
    const randomizedAt = ctx.schedule.clock();
    await randomizeParticipant(ctx.deps, site.coordinator, participantId, {
      firstDoseAt: randomizedAt + 2 * HOUR_MS,
    });
    ctx.counts.randomized++;
    await planTreatment(ctx, patient, site, participantId, randomizedAt);
  });
}

async function planTreatment(
  ctx: StoryContext,
  patient: DemoPatient,
  site: DemoSite,
  participantId: string,
  randomizedAt: number,
): Promise<void> {
  const alive = (t: number): boolean => patient.death === undefined || t < patient.death;
  const doses = await participantDoses(ctx.deps, site.coordinator, participantId);
  let lastDose = randomizedAt;
  for (const d of doses) {
    const planned = Date.parse(d.scheduledAt);
    if (!alive(planned)) break;
    lastDose = planned;
    const u = ctx.random.uniform('dose', `${patient.id}/${d.id}`);
    const jitter =
      Math.round((ctx.random.uniform('dose-time', `${patient.id}/${d.id}`) - 0.4) * 80) * MINUTE_MS;
    if (u < 0.05) {
      ctx.schedule.at(planned + 30 * MINUTE_MS, async () => {
        await recordAdministration(ctx.deps, site.coordinator, participantId, d.id, {
          status: 'held',
          reason: 'held: patient in the operating theatre at the planned time',
        });
        ctx.counts.dosesHeld++;
      });
    } else if (u < 0.09) {
      ctx.schedule.at(Date.parse(d.windowEnd) + 3 * HOUR_MS, async () => {
        await recordAdministration(ctx.deps, site.coordinator, participantId, d.id, {
          status: 'missed',
          reason: 'kit not delivered to the unit in time',
        });
        ctx.counts.dosesMissed++;
      });
    } else {
      const late = u < 0.14;
      const givenAt = late ? Date.parse(d.windowEnd) + 40 * MINUTE_MS : planned + jitter;
      ctx.schedule.at(givenAt + 20 * MINUTE_MS, async () => {
        await recordAdministration(ctx.deps, site.coordinator, participantId, d.id, {
          status: 'given',
          givenAt,
        });
        ctx.counts.dosesGiven++;
        if (late) ctx.counts.dosesOutOfWindow++;
      });
    }
  }
  const d1 = localDateOf(randomizedAt + 2 * HOUR_MS, site.zone);
  planDailyForms(ctx, patient, site, participantId, d1, alive);
  await planVisitForms(ctx, patient, site, participantId, alive);
  planInfections(ctx, patient, site, participantId, randomizedAt, alive);
  const followUp = lastDose + DAY_MS;
  if (alive(followUp))
    ctx.schedule.at(followUp, async () => {
      await changeStatus(ctx.deps, site.investigator, participantId, { status: 'follow_up' });
    });
  const end = localAt(addDays(d1, 30), 11, site);
  if (alive(end))
    ctx.schedule.at(end, async () => {
      await changeStatus(ctx.deps, site.investigator, participantId, { status: 'completed' });
      ctx.counts.completed++;
    });
  const death = patient.death;
  if (death !== undefined)
    ctx.schedule.at(death + 5 * HOUR_MS, async () => {
      await changeStatus(ctx.deps, site.investigator, participantId, {
        status: 'dead',
        deathDate: localDateOf(death, site.zone),
        reason: 'died in hospital',
      });
      ctx.counts.deaths++;
    });
}

function formOf(protocol: Protocol, predicate: (f: Form) => boolean): Form[] {
  return protocol.forms.filter(predicate);
}

function planDailyForms(
  ctx: StoryContext,
  patient: DemoPatient,
  site: DemoSite,
  participantId: string,
  d1: string,
  alive: (t: number) => boolean,
): void {
  for (const form of formOf(ctx.protocol, (f) => f.repeat === 'daily')) {
    for (let day = 1; day <= DAILY_FORM_DAYS; day++) {
      const date = addDays(d1, day - 1);
      const at = localAt(date, 18, site);
      if (!alive(at)) return;
      const values = formValuesFrom(form, patient.observations, localAt(date, 0, site), at);
      if (values === undefined) continue;
      const instance = `day-${String(day)}`;
      const key = `${patient.id}/${form.id}/${instance}`;
      const slip =
        ctx.random.uniform('slip', key) < 0.12
          ? slipOf(form, values, ctx.random.uniform('slip-field', key))
          : undefined;
      ctx.schedule.at(at + 30 * MINUTE_MS, async () => {
        const entered = slip === undefined ? values : { ...values, [slip.field]: slip.entered };
        await saveForm(ctx.deps, site.coordinator, participantId, form.id, instance, {
          values: entered,
          confirmOutOfRange: slip === undefined ? [] : [slip.field],
        });
        ctx.counts.formsSaved++;
        if (slip !== undefined) ctx.counts.autoQueries++;
      });
      if (slip !== undefined && ctx.random.uniform('answer', key) < 0.7)
        planCorrection(
          ctx,
          site,
          participantId,
          form,
          instance,
          values,
          slip,
          localAt(addDays(date, 1), 10, site),
          key,
        );
    }
  }
}

function planCorrection(
  ctx: StoryContext,
  site: DemoSite,
  participantId: string,
  form: Form,
  instance: string,
  values: Readonly<Record<string, DemoFormValue>>,
  slip: { field: string; answer: string },
  at: number,
  key: string,
): void {
  ctx.schedule.at(at, async () => {
    await saveForm(ctx.deps, site.coordinator, participantId, form.id, instance, {
      values,
      reason: `transcription error: ${slip.answer}`,
    });
    const open = await listQueries(ctx.deps, site.coordinator, ctx.unit.trialId, {
      participantId,
      status: 'open',
    });
    const query = open.find((q) => q.field === slip.field && q.formId === form.id);
    if (query === undefined) return;
    await answerQuery(ctx.deps, site.coordinator, query.id, { answer: `Corrected: ${slip.answer}` });
    ctx.counts.queriesAnswered++;
    if (ctx.random.uniform('close', key) < 0.6)
      ctx.schedule.at(at + DAY_MS + 3 * HOUR_MS, async () => {
        await closeQuery(ctx.deps, ctx.unit.dataManager, query.id);
        ctx.counts.queriesClosed++;
      });
  });
}

async function planVisitForms(
  ctx: StoryContext,
  patient: DemoPatient,
  site: DemoSite,
  participantId: string,
  alive: (t: number) => boolean,
): Promise<void> {
  const visits = await participantVisits(ctx.deps, site.coordinator, participantId);
  for (const v of visits) {
    for (const form of formOf(ctx.protocol, (f) => v.formIds.includes(f.id))) {
      const at = localAt(v.date, 14, site);
      if (!alive(at)) continue;
      const values = formValuesFrom(form, patient.observations, at - 2 * DAY_MS, at);
      if (values === undefined || Object.values(values).every((x) => x === null)) continue;
      ctx.schedule.at(at + HOUR_MS, async () => {
        await saveForm(ctx.deps, site.coordinator, participantId, form.id, v.visitId, { values });
        ctx.counts.formsSaved++;
      });
      if (v.day === 1)
        ctx.schedule.at(at + DAY_MS, async () => {
          await signForm(ctx.deps, site.investigator, participantId, form.id, v.visitId, {
            password: ctx.password,
            meaning: 'I have reviewed these results',
          });
          ctx.counts.formsSigned++;
        });
    }
  }
}

function planInfections(
  ctx: StoryContext,
  patient: DemoPatient,
  site: DemoSite,
  participantId: string,
  randomizedAt: number,
  alive: (t: number) => boolean,
): void {
  const form = ctx.protocol.forms.find((f) => f.id === 'infection' && f.repeat === 'log');
  if (form === undefined) return;
  let n = 0;
  const lastOfType = new Map<string, number>();
  for (const infection of patient.infections) {
    if (infection.onset <= randomizedAt || infection.onset > randomizedAt + INFECTION_FOLLOW_UP_MS) continue;
    if (!alive(infection.onset)) continue;
    // NHSN's repeat-infection timeframe (DOMAIN.md §8): the same type within 14 days is the same infection.
    const previous = lastOfType.get(infection.type);
    if (previous !== undefined && infection.onset - previous < 14 * DAY_MS) continue;
    lastOfType.set(infection.type, infection.onset);
    const values = infectionValues(form, infection.type, localDateOf(infection.onset, site.zone));
    if (values === undefined) return;
    const instance = `infection-${String(++n)}`;
    ctx.schedule.at(infection.onset + DAY_MS, async () => {
      await saveForm(ctx.deps, site.coordinator, participantId, form.id, instance, { values });
      ctx.counts.formsSaved++;
      ctx.counts.infections++;
    });
  }
}
