import { isVariableId } from '../variables/registry.js';
import type { Protocol } from './schema.js';
import { ucumUnitProblem } from './ucum-unit.js';
import type { StructuralIssue } from './zod-issues.js';

/**
 * Checks the `forms:` section beyond its schema: unique form ids and field ids within a form, known visits
 * for per_visit forms, UCUM units, and known canonical variables.
 * @returns Every problem found, with its path.
 */
export function checkFormReferences(p: Protocol): StructuralIssue[] {
  const out: StructuralIssue[] = [];
  const visits = new Set(p.visits.map((v) => v.id));
  const formIds = new Set<string>();
  p.forms.forEach((form, i) => {
    if (formIds.has(form.id))
      out.push({ path: ['forms', i, 'id'], message: `duplicate form id "${form.id}"` });
    formIds.add(form.id);
    if (form.repeat === 'per_visit' && (form.visits === undefined || form.visits.length === 0)) {
      out.push({ path: ['forms', i, 'visits'], message: 'a per_visit form needs visits' });
    }
    form.visits?.forEach((v, j) => {
      if (!visits.has(v)) out.push({ path: ['forms', i, 'visits', j], message: `unknown visit "${v}"` });
    });
    const fieldIds = new Set<string>();
    form.fields.forEach((f, j) => {
      const path = ['forms', i, 'fields', j];
      if (fieldIds.has(f.id)) out.push({ path: [...path, 'id'], message: `duplicate field id "${f.id}"` });
      fieldIds.add(f.id);
      const unitProblem = f.unit === undefined ? undefined : ucumUnitProblem(f.unit);
      if (unitProblem !== undefined) out.push({ path: [...path, 'unit'], message: unitProblem });
      if (f.variable !== undefined && !isVariableId(f.variable)) {
        out.push({ path: [...path, 'variable'], message: `unknown variable "${f.variable}"` });
      }
    });
  });
  return out;
}
