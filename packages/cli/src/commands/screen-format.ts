import Table from 'cli-table3';
import type { CriterionResult, EligibilityResult } from '@immunotrial/core';

const RESULT_MARK = { met: 'met', not_met: 'not met', unknown: 'unknown' } as const;

/** The criteria that decided a status: failures for ineligible, unknowns for incomplete. */
export function decidingCriteria(r: EligibilityResult): readonly CriterionResult[] {
  if (r.status === 'ineligible') {
    return r.criteria.filter(
      (c) =>
        (c.kind === 'inclusion' && c.result === 'not_met') || (c.kind === 'exclusion' && c.result === 'met'),
    );
  }
  if (r.status === 'incomplete') return r.criteria.filter((c) => c.result === 'unknown');
  return [];
}

function short(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** One line per patient: status, stratum, and the criteria that decided it. */
export function formatScreeningTable(
  protocol: string,
  at: string,
  results: readonly EligibilityResult[],
): string {
  const table = new Table({
    head: ['patient', 'status', 'stratum', 'deciding criteria'],
    wordWrap: true,
    colWidths: [18, 12, 9, 80],
  });
  for (const r of results) {
    const deciding = decidingCriteria(r)
      .map((c) => `${c.id} ${RESULT_MARK[c.result]}: ${short(c.reason, 90)}`)
      .join('\n');
    table.push([r.patientId, r.status, r.stratum ?? '', deciding || 'all criteria satisfied']);
  }
  return `${protocol} at ${at}: ${results.length} patient(s)\n${table.toString()}`;
}

/** Every criterion of one patient, with its result, reason and evidence. */
export function formatExplanation(r: EligibilityResult): string {
  const table = new Table({
    head: ['criterion', 'result', 'reason', 'evidence'],
    wordWrap: true,
    colWidths: [11, 10, 70, 34],
  });
  for (const c of r.criteria) {
    table.push([
      `${c.kind === 'inclusion' ? 'incl' : 'excl'} ${c.id}`,
      RESULT_MARK[c.result],
      c.reason,
      c.evidence.map((e) => e.reference).join('\n'),
    ]);
  }
  const header = `${r.patientId} · ${r.protocol} at ${r.at}: ${r.status}${r.stratum ? ` (stratum ${r.stratum})` : ''}${r.dosingDeadline ? `, first dose by ${r.dosingDeadline}` : ''}`;
  return `${header}\n${table.toString()}`;
}
