import { type OpenDatabase, testBackends, verifyAuditChain } from '@immunotrial/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolReady, PASSWORD, setUpUnit, type TestUnit } from '../test-support.js';
import { setUpAllocation } from './allocation-setup.js';
import { listAudit } from './audit-view.js';
import { listDeviations } from './deviations.js';
import { participantDoses, participantVisits, recordAdministration } from './dosing.js';
import { listForms, saveForm, signForm } from './forms.js';
import { changeStatus, listParticipants, participantDetail } from './participants.js';
import { answerQuery, closeQuery, listQueries, openQuery } from './queries.js';
import { randomizeParticipant } from './randomization.js';

describe.each(testBackends())('dosing, forms and queries on $name', ({ open }) => {
  let opened: OpenDatabase;
  let u: TestUnit;
  let pid: string;
  beforeAll(async () => {
    opened = await open();
    u = await setUpUnit(opened);
    await setUpAllocation(u.deps, u.as.unblinded_statistician, u.trialId, {
      seed: 'clinical-data-test-seed',
    });
    pid = await enrolReady(u, u.siteA, 'cd-1');
    await randomizeParticipant(u.deps, u.as.investigator, pid, {
      firstDoseAt: Date.parse('2026-03-17T08:00:00Z'),
    });
  }, 120_000);
  afterAll(async () => {
    await opened.close();
  });

  it('lays out INFINITY doses D1-D3 without regimen or product for blinded roles', async () => {
    const doses = await participantDoses(u.deps, u.as.coordinator, pid);
    expect(doses.map((d) => d.studyDay)).toEqual([1, 2, 3]);
    expect(doses[0]).toMatchObject({ id: 'ifn-gamma-sc#1', label: 'SC injection 1', status: 'planned' });
    expect(doses[0]).not.toHaveProperty('product');
    const unblinded = await participantDoses(u.deps, u.as.pharmacist, pid);
    expect(unblinded[0]?.product).toBeDefined();
  });

  it('records doses: the first moves the participant on treatment, a late one and a missed one become deviations', async () => {
    u.now.ms = Date.parse('2026-03-19T12:00:00Z');
    await expect(
      recordAdministration(u.deps, u.as.coordinator, pid, 'ifn-gamma-sc#2', { status: 'missed' }),
    ).rejects.toMatchObject({ code: 'request.invalid', path: 'reason' });
    const first = await recordAdministration(u.deps, u.as.coordinator, pid, 'ifn-gamma-sc#1', {
      status: 'given',
      givenAt: Date.parse('2026-03-17T08:10:00Z'),
    });
    expect(first.status).toBe('given');
    expect((await participantDetail(u.deps, u.as.coordinator, pid)).participant.status).toBe('on_treatment');
    await recordAdministration(u.deps, u.as.coordinator, pid, 'ifn-gamma-sc#2', {
      status: 'given',
      givenAt: Date.parse('2026-03-19T11:00:00Z'),
    });
    await recordAdministration(u.deps, u.as.coordinator, pid, 'ifn-gamma-sc#3', {
      status: 'missed',
      reason: 'patient in CT scan',
    });
    const deviations = await listDeviations(u.deps, u.as.monitor, u.trialId, pid);
    expect(deviations.map((d) => d.kind).sort()).toEqual(['dose_missed', 'dose_out_of_window']);
    await expect(
      recordAdministration(u.deps, u.as.monitor, pid, 'ifn-gamma-sc#1', { status: 'held', reason: 'x' }),
    ).rejects.toMatchObject({ code: 'auth.forbidden' });
  });

  it('lists visits with windows and marks a visit done when its form is saved', async () => {
    const visits = await participantVisits(u.deps, u.as.coordinator, pid);
    expect(visits.find((v) => v.visit === 'd28')).toMatchObject({
      day: 28,
      date: '2026-04-13',
      status: 'upcoming',
      formIds: ['labs'],
    });
    await saveForm(u.deps, u.as.coordinator, pid, 'labs', 'd1', { values: { lymphocytes: 900 } });
    expect(
      (await participantVisits(u.deps, u.as.coordinator, pid)).find((v) => v.visitId === 'd1')?.status,
    ).toBe('done');
  });

  it('refuses an out-of-range value unless confirmed, then opens a query; an edit needs a reason and voids the signature', async () => {
    const values = { heart_rate: 300, map: 70 };
    await expect(
      saveForm(u.deps, u.as.coordinator, pid, 'vital-signs', 'day-1', { values }),
    ).rejects.toMatchObject({
      code: 'form.out_of_range',
      message:
        'values.heart_rate: 300 /min is outside the plausible range 20-250 /min; confirm the value to save it',
    });
    await expect(
      saveForm(u.deps, u.as.coordinator, pid, 'vital-signs', 'day-1', {
        values: { heart_rate: 'fast', map: 70 },
      }),
    ).rejects.toMatchObject({ code: 'form.invalid', path: 'values.heart_rate' });
    const saved = await saveForm(u.deps, u.as.coordinator, pid, 'vital-signs', 'day-1', {
      values,
      confirmOutOfRange: ['heart_rate'],
    });
    expect(saved.revision).toBe(1);
    const queries = await listQueries(u.deps, u.as.monitor, u.trialId, { participantId: pid });
    expect(queries).toMatchObject([
      { field: 'heart_rate', origin: 'auto', status: 'open', formId: 'vital-signs' },
    ]);
    const signed = await signForm(u.deps, u.as.investigator, pid, 'vital-signs', 'day-1', {
      password: PASSWORD,
      meaning: 'I approve these data',
    });
    expect(signed.signedBy).toBe('investigator -a');
    await expect(
      saveForm(u.deps, u.as.coordinator, pid, 'vital-signs', 'day-1', {
        values: { heart_rate: 130, map: 70 },
      }),
    ).rejects.toMatchObject({ code: 'form.reason_required' });
    const edited = await saveForm(u.deps, u.as.coordinator, pid, 'vital-signs', 'day-1', {
      values: { heart_rate: 130, map: 70 },
      reason: 'typo: 130 not 300',
    });
    expect(edited).toMatchObject({ revision: 2, signedBy: null, signedAt: null });
    const audit = await listAudit(u.deps, u.as.monitor, u.trialId, {
      participantId: pid,
      entity: 'form_entry',
    });
    const hr = audit.events.filter((e) => e.field === 'heart_rate');
    expect(hr.map((e) => [e.oldValue, e.newValue, e.reason])).toEqual([
      [null, 300, null],
      [300, 130, 'typo: 130 not 300'],
    ]);
    expect(audit.events.some((e) => e.action === 'void_signature')).toBe(true);
  });

  it('runs a query from open to answered to closed', async () => {
    const [entry] = (await listForms(u.deps, u.as.monitor, pid)).filter((f) => f.formId === 'vital-signs');
    const q = await openQuery(u.deps, u.as.monitor, pid, {
      formEntryId: entry?.id ?? null,
      field: 'map',
      text: 'MAP on vasopressors?',
    });
    await expect(answerQuery(u.deps, u.as.monitor, q.id, { answer: 'x' })).rejects.toMatchObject({
      code: 'auth.forbidden',
    });
    await expect(answerQuery(u.deps, u.siteBCoordinator, q.id, { answer: 'x' })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(
      (await answerQuery(u.deps, u.as.coordinator, q.id, { answer: 'yes, on norepinephrine' })).status,
    ).toBe('answered');
    expect((await closeQuery(u.deps, u.as.monitor, q.id)).status).toBe('closed');
    await expect(closeQuery(u.deps, u.as.monitor, q.id)).rejects.toMatchObject({ code: 'state.invalid' });
  });

  it('masks mHLA-DR after randomization from blinded roles, in forms and in the audit trail', async () => {
    await saveForm(u.deps, u.as.coordinator, pid, 'labs', 'd3', {
      values: { mhla_dr: 12451, lymphocytes: 800 },
    });
    const blinded = (await listForms(u.deps, u.as.investigator, pid)).find((f) => f.instance === 'd3');
    expect(blinded).toMatchObject({ values: { mhla_dr: null, lymphocytes: 800 }, masked: ['mhla_dr'] });
    const unblinded = (await listForms(u.deps, u.as.unblinded_statistician, pid)).find(
      (f) => f.instance === 'd3',
    );
    expect(unblinded?.values.mhla_dr).toBe(12451);
    const audit = await listAudit(u.deps, u.as.monitor, u.trialId, { participantId: pid });
    expect(JSON.stringify(audit)).not.toContain('12451');
  });

  it('moves status through follow-up to withdrawal with reason and data statement, and refuses a jump back', async () => {
    await expect(changeStatus(u.deps, u.as.coordinator, pid, { status: 'consented' })).rejects.toMatchObject({
      code: 'state.invalid',
    });
    await changeStatus(u.deps, u.as.coordinator, pid, { status: 'follow_up' });
    await expect(
      changeStatus(u.deps, u.as.coordinator, pid, {
        status: 'withdrawn',
        reason: 'relative withdrew consent',
      }),
    ).rejects.toMatchObject({ code: 'request.invalid' });
    const w = await changeStatus(u.deps, u.as.coordinator, pid, {
      status: 'withdrawn',
      reason: 'relative withdrew consent',
      dataAfterWithdrawal: 'vital status only',
    });
    expect(w.status).toBe('withdrawn');
    const list = await listParticipants(u.deps, u.as.investigator, u.trialId);
    expect(list.every((p) => !('arm' in p))).toBe(true);
    const unblindedList = await listParticipants(u.deps, u.as.dsmb, u.trialId);
    expect(unblindedList.find((p) => p.id === pid)?.arm).toMatch(/ifn-gamma|placebo/);
    expect((await verifyAuditChain(u.deps.db)).ok).toBe(true);
  });

  it('records a death on a date of the site calendar: not tomorrow there, not before screening', async () => {
    // 23:30 UTC on 31 March is 1 April in Paris (UTC+2): 1 April is today at the site, 2 April is not.
    u.now.ms = Date.parse('2026-03-31T23:30:00.000Z');
    const attempt = (deathDate: string): Promise<unknown> =>
      changeStatus(u.deps, u.as.coordinator, pid, { status: 'dead', deathDate });
    await expect(attempt('2026-04-02')).rejects.toMatchObject({
      code: 'request.invalid',
      path: 'deathDate',
      message: expect.stringContaining('after today (2026-04-01 at the site') as unknown,
    });
    await expect(attempt('2020-01-01')).rejects.toMatchObject({
      code: 'request.invalid',
      message: expect.stringContaining('before the participant was screened') as unknown,
    });
    const before = (await participantDetail(u.deps, u.as.coordinator, pid)).participant.status;
    expect(before).toBe('withdrawn');
    const dead = (await attempt('2026-04-01')) as { status: string; deathDate: string };
    expect(dead).toMatchObject({ status: 'dead', deathDate: '2026-04-01' });
  });
});
