import type { FormDefinition, FormEntry, Visit } from '../../api/types.js';

/** An instance of a form a person can open: a saved one, or one that the schedule calls for. */
export interface FormInstance {
  readonly instance: string;
  readonly label: string;
  readonly entry: FormEntry | undefined;
}

/**
 * The instances of a form, following its `repeat` (core's FormSchema): `once`; `day-N` for daily forms (saved days,
 * then the next day); the visits that list the form for per-visit forms; saved entries then a new one for logs.
 * @param definition - The form.
 * @param entries - The participant's saved forms (all forms).
 * @param visits - The participant's visit calendar.
 * @example formInstances({ id: 'vitals', label: 'Vitals', repeat: 'once', fields: [] }, [], []) // => [{ instance: 'once', label: 'Vitals', entry: undefined }]
 */
export function formInstances(
  definition: FormDefinition,
  entries: readonly FormEntry[],
  visits: readonly Visit[],
): FormInstance[] {
  const saved = entries.filter((e) => e.formId === definition.id);
  const find = (instance: string): FormEntry | undefined => saved.find((e) => e.instance === instance);
  switch (definition.repeat ?? 'once') {
    case 'once':
      return [{ instance: 'once', label: definition.label, entry: find('once') }];
    case 'daily': {
      const days = saved
        .map((e) => /^day-(-?\d+)$/.exec(e.instance)?.[1])
        .filter((d) => d !== undefined)
        .map(Number)
        .sort((a, b) => a - b);
      const next = days.length === 0 ? 1 : (days.at(-1) ?? 0) + 1;
      return [...days, next].map((d) => ({
        instance: `day-${d}`,
        label: `Day ${d}`,
        entry: find(`day-${d}`),
      }));
    }
    case 'per_visit': {
      const planned = visits.filter(
        (v) =>
          v.formIds?.includes(definition.id) === true ||
          (definition.visits ?? []).includes(v.visit ?? v.visitId),
      );
      const fromVisits = planned.map((v) => ({
        instance: v.visitId,
        label: `${v.label} (D${v.day})`,
        entry: find(v.visitId),
      }));
      const extra = saved
        .filter((e) => !planned.some((v) => v.visitId === e.instance))
        .map((e) => ({ instance: e.instance, label: e.instance, entry: e }));
      return [...fromVisits, ...extra];
    }
    case 'log': {
      const existing = saved.map((e) => ({ instance: e.instance, label: e.instance, entry: e }));
      let n = saved.length + 1;
      while (find(`entry-${n}`) !== undefined) n++;
      return [...existing, { instance: `entry-${n}`, label: 'New entry', entry: undefined }];
    }
  }
}
