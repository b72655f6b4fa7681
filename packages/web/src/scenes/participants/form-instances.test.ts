import { describe, expect, it } from 'vitest';
import type { FormDefinition, FormEntry, Visit } from '../../api/types.js';
import { formInstances } from './form-instances.js';

const entry = (formId: string, instance: string): FormEntry => ({
  id: `${formId}-${instance}`,
  formId,
  instance,
  values: {},
  revision: 1,
  updatedAt: '2026-03-18T09:00:00Z',
});
const form = (repeat: 'once' | 'per_visit' | 'daily' | 'log', visits?: string[]): FormDefinition => ({
  id: 'f',
  label: 'Form',
  repeat,
  ...(visits === undefined ? {} : { visits }),
  fields: [],
});

describe('formInstances', () => {
  it('gives a once form its single instance, saved or not', () => {
    expect(
      formInstances(form('once'), [entry('f', 'once')], []).map((i) => [i.instance, i.entry?.id]),
    ).toEqual([['once', 'f-once']]);
  });

  it('lists the saved days of a daily form and offers the next day', () => {
    const got = formInstances(
      form('daily'),
      [entry('f', 'day-2'), entry('f', 'day-1'), entry('g', 'day-9')],
      [],
    );
    expect(got.map((i) => i.instance)).toEqual(['day-1', 'day-2', 'day-3']);
    expect(got[2]?.entry).toBeUndefined();
  });

  it('offers the visits that list a per-visit form, by their planned ids', () => {
    const visits: Visit[] = [
      {
        visitId: 'd28',
        visit: 'd28',
        label: 'day 28',
        day: 28,
        date: '2026-04-14',
        windowStart: '2026-04-14',
        windowEnd: '2026-04-16',
        status: 'upcoming',
        formIds: ['f'],
      },
      {
        visitId: 'd90',
        visit: 'd90',
        label: 'day 90',
        day: 90,
        date: '2026-06-15',
        windowStart: '2026-06-12',
        windowEnd: '2026-06-18',
        status: 'upcoming',
        formIds: [],
      },
    ];
    expect(formInstances(form('per_visit', ['d28']), [], visits).map((i) => [i.instance, i.label])).toEqual([
      ['d28', 'day 28 (D28)'],
    ]);
  });

  it('lists log entries and a new one with an unused name', () => {
    const got = formInstances(form('log'), [entry('f', 'entry-2')], []);
    expect(got.map((i) => i.instance)).toEqual(['entry-2', 'entry-3']);
  });
});
