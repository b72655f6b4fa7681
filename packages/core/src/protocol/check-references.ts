import { canonicalParameter } from '../rules/library.js';
import { convertUcum } from '../variables/units.js';
import { ucumUnitProblem } from './ucum-unit.js';
import { isVariableId } from '../variables/registry.js';
import { isAssumed, valueOf } from './assumed.js';
import { checkFormReferences } from './form-references.js';
import type { Protocol } from './schema.js';
import type { StructuralIssue } from './zod-issues.js';

type Path = readonly PropertyKey[];

function duplicates(
  out: StructuralIssue[],
  what: string,
  items: readonly { readonly id: string; readonly path: Path }[],
): void {
  const first = new Map<string, Path>();
  for (const { id, path } of items) {
    const seen = first.get(id);
    if (seen)
      out.push({
        path: [...path, 'id'],
        message: `duplicate ${what} id "${id}" (already used at ${pathText(seen)})`,
      });
    else first.set(id, path);
  }
}

function pathText(path: Path): string {
  return path
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? String(s) : `.${String(s)}`))
    .join('');
}

/**
 * Checks what the schema alone cannot: unique ids, references between sections (arms, regimens, strata,
 * endpoints), UCUM units of doses, criterion id prefixes (I for inclusion, E for exclusion).
 * @returns Every problem found, with its path; empty when the protocol is consistent.
 */
export function checkProtocolReferences(p: Protocol): StructuralIssue[] {
  const out: StructuralIssue[] = [];
  const e = p.eligibility;
  const criteria = [
    ...e.inclusion.map((c, i) => ({
      id: c.id,
      kind: 'inclusion' as const,
      c,
      path: ['eligibility', 'inclusion', i],
    })),
    ...e.exclusion.map((c, i) => ({
      id: c.id,
      kind: 'exclusion' as const,
      c,
      path: ['eligibility', 'exclusion', i],
    })),
  ];
  duplicates(out, 'criterion', criteria);
  for (const { id, kind, c, path } of criteria) {
    const prefix = kind === 'inclusion' ? 'I' : 'E';
    if (!id.startsWith(prefix))
      out.push({
        path: [...path, 'id'],
        message: `an ${kind} criterion id starts with ${prefix}, found "${id}"`,
      });
    if (c.combine !== undefined && (c.rule === undefined || c.attestation !== true))
      out.push({
        path: [...path, 'combine'],
        message: 'combine applies only to a criterion with both a rule and attestation: true',
      });
  }
  for (const [name, param] of Object.entries(e.parameters)) {
    const problem = ucumUnitProblem(param.unit);
    let bad = problem !== undefined;
    try {
      canonicalParameter(name, param);
    } catch {
      bad = true;
    }
    if (bad)
      out.push({
        path: ['eligibility', 'parameters', name, 'unit'],
        message: problem ?? `"${param.unit}" is not a UCUM unit (durations: h, d, wk; plain numbers: 1)`,
      });
  }
  const strata = new Set(e.stratification?.strata.map((s) => s.id) ?? []);
  duplicates(
    out,
    'stratum',
    (e.stratification?.strata ?? []).map((s, i) => ({
      id: s.id,
      path: ['eligibility', 'stratification', 'strata', i],
    })),
  );

  const arms = new Set(p.arms.map((a) => a.id));
  duplicates(
    out,
    'arm',
    p.arms.map((a, i) => ({ id: a.id, path: ['arms', i] })),
  );
  const ratio = valueOf(p.allocation.ratio);
  const ratioPath = isAssumed(p.allocation.ratio)
    ? ['allocation', 'ratio', 'value']
    : ['allocation', 'ratio'];
  for (const arm of Object.keys(ratio))
    if (!arms.has(arm))
      out.push({
        path: [...ratioPath, arm],
        atKey: true,
        message: `unknown arm "${arm}" (arms: ${[...arms].join(', ')})`,
      });
  for (const arm of arms)
    if (!(arm in ratio)) out.push({ path: ratioPath, message: `the ratio gives no weight to arm "${arm}"` });

  const regimens = new Set(p.regimens.map((r) => r.id));
  duplicates(
    out,
    'regimen',
    p.regimens.map((r, i) => ({ id: r.id, path: ['regimens', i] })),
  );
  p.regimens.forEach((r, i) => {
    const path = ['regimens', i];
    if (!arms.has(r.arm))
      out.push({ path: [...path, 'arm'], message: `unknown arm "${r.arm}" (arms: ${[...arms].join(', ')})` });
    if (r.stratum !== undefined && !strata.has(r.stratum))
      out.push({
        path: [...path, 'stratum'],
        message: `unknown stratum "${r.stratum}" (eligibility.stratification has ${[...strata].join(', ') || 'none'})`,
      });
    if (r.imitates !== undefined && !regimens.has(r.imitates))
      out.push({ path: [...path, 'imitates'], message: `unknown regimen "${r.imitates}"` });
    if (r.role !== 'active' && r.imitates === undefined)
      out.push({
        path: [...path, 'imitates'],
        message: `missing (a ${r.role} names the active regimen it looks like)`,
      });
    const doseProblem = r.dose === undefined ? undefined : ucumUnitProblem(r.dose.unit);
    if (doseProblem !== undefined) out.push({ path: [...path, 'dose', 'unit'], message: doseProblem });
    if (r.volume !== undefined && convertUcum(r.volume.value, r.volume.unit, 'mL') === undefined)
      out.push({
        path: [...path, 'volume', 'unit'],
        message: `expected a volume unit such as mL, found "${r.volume.unit}"`,
      });
  });

  p.blinding.double_dummy?.mapping.forEach((m, i) => {
    const path = ['blinding', 'double_dummy', 'mapping', i];
    if (!arms.has(m.arm)) out.push({ path: [...path, 'arm'], message: `unknown arm "${m.arm}"` });
    if (m.stratum !== undefined && !strata.has(m.stratum))
      out.push({ path: [...path, 'stratum'], message: `unknown stratum "${m.stratum}"` });
    m.regimens.forEach((r, j) => {
      if (!regimens.has(r)) out.push({ path: [...path, 'regimens', j], message: `unknown regimen "${r}"` });
    });
  });
  p.blinding.hidden_variables.forEach((h, i) => {
    if (!isVariableId(h.variable))
      out.push({
        path: ['blinding', 'hidden_variables', i, 'variable'],
        message: `unknown variable "${h.variable}"`,
      });
  });

  duplicates(
    out,
    'visit',
    p.visits.map((v, i) => ({ id: v.id, path: ['visits', i] })),
  );
  duplicates(
    out,
    'endpoint',
    p.endpoints.map((x, i) => ({ id: x.id, path: ['endpoints', i] })),
  );
  const endpoints = new Set(p.endpoints.map((x) => x.id));
  if (!p.endpoints.some((x) => x.role === 'primary'))
    out.push({ path: ['endpoints'], message: 'no endpoint has role: primary' });
  const ssEndpoint = p.sample_size.endpoint;
  if (ssEndpoint !== undefined && !endpoints.has(ssEndpoint))
    out.push({ path: ['sample_size', 'endpoint'], message: `unknown endpoint "${ssEndpoint}"` });
  const entryUnits = (
    entries: Readonly<Record<string, { readonly unit?: string | undefined }>>,
    path: Path,
  ): void => {
    for (const [name, entry] of Object.entries(entries)) {
      const problem = entry.unit === undefined ? undefined : ucumUnitProblem(entry.unit);
      if (problem !== undefined) out.push({ path: [...path, name, 'unit'], message: problem });
    }
  };
  p.endpoints.forEach((x, i) => {
    entryUnits(x.parameters, ['endpoints', i, 'parameters']);
  });
  entryUnits(p.sample_size.assumptions, ['sample_size', 'assumptions']);
  const sources = new Set(p.sources.map((s) => s.id));
  duplicates(
    out,
    'source',
    p.sources.map((s, i) => ({ id: s.id, path: ['sources', i] })),
  );
  const cite = (source: string | undefined, path: Path): void => {
    if (source !== undefined && !sources.has(source))
      out.push({ path, message: `unknown source "${source}" (sources: ${[...sources].join(', ')})` });
  };
  cite(p.status.source, ['status', 'source']);
  p.status.previous?.forEach((s, i) => {
    cite(s.source, ['status', 'previous', i, 'source']);
  });
  out.push(...checkFormReferences(p));
  return out;
}
