import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../time/duration.js';
import { procedureFunction, procedureRunningAt, runningFunction } from './procedures.js';
import { ctxOf, evaluate, procedure, t } from './test-support.js';

const AT = t('2026-03-10T12:00');

describe('running(kind, at:) — INFINITY I3', () => {
  const imv = { symbols: { kinds: ['imv'] } };

  it('is met by an IMV in progress without an end', () => {
    const p = procedure('imv', AT - DAY_MS, { id: 'v1', inProgress: true });
    const o = evaluate(runningFunction, imv, ctxOf({ procedures: [p] }, AT));
    expect(o.value).toBe('met');
    expect(o.evidence).toEqual([{ reference: 'Procedure/v1', value: 'imv', time: '2026-03-09T12:00:00Z' }]);
  });

  it('needs the end strictly after t: an IMV ending at T_scr is not running', () => {
    expect(
      evaluate(
        runningFunction,
        imv,
        ctxOf({ procedures: [procedure('imv', AT - DAY_MS, { end: AT + 1 })] }, AT),
      ).value,
    ).toBe('met');
    expect(
      evaluate(runningFunction, imv, ctxOf({ procedures: [procedure('imv', AT - DAY_MS, { end: AT })] }, AT))
        .value,
    ).toBe('not_met');
  });

  it('does not run a completed procedure without an end', () => {
    expect(
      evaluate(
        runningFunction,
        imv,
        ctxOf({ procedures: [procedure('imv', AT - DAY_MS, { inProgress: false })] }, AT),
      ).value,
    ).toBe('not_met');
  });

  it('is met by an IMV starting exactly at t', () => {
    expect(
      evaluate(runningFunction, imv, ctxOf({ procedures: [procedure('imv', AT, { inProgress: true })] }, AT))
        .value,
    ).toBe('met');
  });

  it('is unknown when only a ventilation of unknown type runs, not_met for NIV or HFNO', () => {
    const unknown = procedure('ventilation_unknown', AT - HOUR_MS, { inProgress: true });
    expect(evaluate(runningFunction, imv, ctxOf({ procedures: [unknown] }, AT)).value).toBe('unknown');
    const niv = procedure('niv', AT - HOUR_MS, { inProgress: true });
    const hfno = procedure('hfno', AT - HOUR_MS, { inProgress: true });
    const o = evaluate(runningFunction, imv, ctxOf({ procedures: [niv, hfno] }, AT));
    expect(o.value).toBe('not_met');
    expect(o.reason()).toBe('no invasive mechanical ventilation running at 2026-03-10T12:00:00Z');
  });

  it('prefers a running IMV over an unknown ventilation', () => {
    const ps = [
      procedure('ventilation_unknown', AT - HOUR_MS, { inProgress: true }),
      procedure('imv', AT - HOUR_MS, { inProgress: true }),
    ];
    expect(evaluate(runningFunction, imv, ctxOf({ procedures: ps }, AT)).value).toBe('met');
  });

  it('reads another instant given by at:', () => {
    const p = procedure('niv', t('2026-03-08T00:00'), { end: t('2026-03-09T00:00') });
    const at = (iso: string) => ({ symbols: { kinds: ['niv'] }, instants: { at: () => t(iso) } });
    expect(evaluate(runningFunction, at('2026-03-08T12:00'), ctxOf({ procedures: [p] }, AT)).value).toBe(
      'met',
    );
    expect(evaluate(runningFunction, at('2026-03-09T12:00'), ctxOf({ procedures: [p] }, AT)).value).toBe(
      'not_met',
    );
  });

  it('is unknown at an unknown instant when such a procedure exists, else not_met', () => {
    const args = { symbols: { kinds: ['imv'] }, instants: { at: () => undefined } };
    expect(
      evaluate(
        runningFunction,
        args,
        ctxOf({ procedures: [procedure('imv', AT - DAY_MS, { inProgress: true })] }, AT),
      ).value,
    ).toBe('unknown');
    expect(evaluate(runningFunction, args, ctxOf({ procedures: [] }, AT)).value).toBe('not_met');
  });

  it('exposes the profile definition of running', () => {
    expect(procedureRunningAt(procedure('imv', 0, { end: 10 }), 9)).toBe(true);
    expect(procedureRunningAt(procedure('imv', 0, { end: 10 }), 10)).toBe(false);
  });
});

describe('procedure(kind, during:) — PLATINIUM E2 radiotherapy in the last 42 d', () => {
  const args = {
    symbols: { kinds: ['radiotherapy'] },
    windows: { during: (ctx: { at: number }) => [ctx.at - 42 * DAY_MS, ctx.at] as const },
  };

  it('is met by a session at the window start, not_met just before', () => {
    expect(
      evaluate(
        procedureFunction,
        args,
        ctxOf({ procedures: [procedure('radiotherapy', AT - 42 * DAY_MS)] }, AT),
      ).value,
    ).toBe('met');
    const o = evaluate(
      procedureFunction,
      args,
      ctxOf({ procedures: [procedure('radiotherapy', AT - 42 * DAY_MS - 1)] }, AT),
    );
    expect(o.value).toBe('not_met');
    expect(o.reason()).toBe('no radiotherapy in window during');
  });

  it('is met by a course that started earlier and ended inside the window', () => {
    const p = procedure('radiotherapy', AT - 60 * DAY_MS, { end: AT - 40 * DAY_MS });
    expect(evaluate(procedureFunction, args, ctxOf({ procedures: [p] }, AT)).value).toBe('met');
  });

  it('gives unknown for imv when only a ventilation of unknown type overlaps', () => {
    const imv = { symbols: { kinds: ['imv'] }, windows: args.windows };
    const p = procedure('ventilation_unknown', AT - DAY_MS, { end: AT - HOUR_MS });
    expect(evaluate(procedureFunction, imv, ctxOf({ procedures: [p] }, AT)).value).toBe('unknown');
  });
});
