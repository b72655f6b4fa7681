import type { CalibrationReport, McEstimate, TwinSummary } from '@immunotrial/sim';
import Table from 'cli-table3';

function pct(x: number, digits = 1): string {
  return Number.isFinite(x) ? `${(100 * x).toFixed(digits)}%` : '-';
}

function num(x: number, digits = 1): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '-';
}

function est(e: McEstimate, asPercent: boolean): string {
  return asPercent ? `${pct(e.value)} (${pct(e.mcse, 2)})` : `${num(e.value)} (${num(e.mcse, 2)})`;
}

function table(head: string[]): Table.Table {
  return new Table({ head, style: { head: [], border: [], compact: true } });
}

/**
 * The calibration report as a terminal table: each marginal figure of the cohort beside the published one,
 * its tolerance, and whether it is within; then the screening of each protocol by the real engine.
 * @param r - From calibrateTwin.
 */
export function formatCalibrationTable(r: CalibrationReport): string {
  const t = table(['figure', 'model', 'n', 'published', 'tolerance', 'within', 'source']);
  for (const row of r.rows) {
    t.push([
      row.label,
      pct(row.model),
      String(row.n),
      row.target === undefined ? '-' : pct(row.target),
      row.tolerance === undefined ? '' : `±${pct(row.tolerance, 0)}`,
      row.within === undefined ? '' : row.within ? 'yes' : 'NO',
      row.source ?? (row.assumed ? 'assumed' : ''),
    ]);
  }
  const e = table(['protocol', 'screened', 'eligible', 'incomplete', 'most failed criteria']);
  for (const f of r.eligibility) {
    const top = Object.entries(f.failures)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([id, n]) => `${id} ${pct(n / Math.max(1, f.screened), 0)}`)
      .join(', ');
    e.push([
      f.protocol,
      String(f.screened),
      `${f.eligible} (${pct(f.eligible / Math.max(1, f.screened))})`,
      String(f.incomplete),
      top,
    ]);
  }
  const within = r.rows.filter((x) => x.within === true).length;
  const targeted = r.rows.filter((x) => x.within !== undefined).length;
  return [
    `calibration of the natural-history model: ${r.cohort} patients (seed ${r.seed}), ${r.screenedCohort} screened with the real engine`,
    `${within} of ${targeted} published figures within their tolerance`,
    t.toString(),
    '',
    'screening by protocol (real eligibility engine, screening plans of packages/sim/models/screening.yaml)',
    e.toString(),
  ].join('\n');
}

/**
 * A twin run as terminal tables: the protocol and its analysis, the screening pool, then per scenario the
 * power (or type I error), the estimate, the arms, and the screening funnel per trial.
 * @param s - From simulateTwinParallel.
 */
export function formatTwinTable(s: TwinSummary): string {
  const p = s.protocol;
  const lines = [
    `${p.acronym} ${p.version} (${p.id}): ${p.sampleSize} randomized to ${p.arms.join(', ')} (control ${p.control})`,
    `primary endpoint ${p.endpoint} (${p.endpointLabel}), derived as ${p.derivation.replace(/_/g, ' ')}; ${p.analysis}`,
    `${s.trials} trials per scenario, seed ${s.seed}, model ${s.model}; ${s.accrual.sites} sites, ${s.accrual.admissions_per_site_per_day} ICU admissions per site and day`,
    `screening pool: ${s.pool.admissions} admissions, ${s.pool.screened} screened (${s.pool.screenings} engine calls), ${s.pool.eligible} eligible (${pct(s.pool.eligible / Math.max(1, s.pool.screened))})`,
  ];
  const f = table(['criterion', 'failed', 'of screened']);
  for (const x of s.pool.failures.slice(0, 8))
    f.push([`${x.criterion} ${x.label}`, String(x.count), pct(x.share)]);
  lines.push(f.toString());
  for (const sc of s.scenarios) {
    const t = table(['measure', 'value (MCSE)']);
    t.push([sc.isNull ? 'type I error' : 'power', est(sc.power, true)]);
    t.push([
      `mean estimate: ${p.estimate}`,
      `${num(sc.estimate.mean.value, 3)} (${num(sc.estimate.mean.mcse, 3)}), sd ${num(sc.estimate.sd, 3)}`,
    ]);
    if (sc.failedAnalyses > 0) t.push(['analyses that could not run', String(sc.failedAnalyses)]);
    for (const a of sc.arms) {
      t.push([`${a.arm}: participants`, est(a.patients, false)]);
      t.push([`${a.arm}: primary events per participant`, est(a.eventRate, true)]);
      t.push([`${a.arm}: deaths by day ${p.horizonDays}`, est(a.mortality, true)]);
    }
    const sf = sc.screening;
    t.push(['ICU admissions at the sites', est(sf.admissions, false)]);
    t.push(['patients screened', est(sf.screened, false)]);
    t.push(['randomized among screened', est(sf.yield, true)]);
    t.push(['days to full enrolment', est(sf.accrualDays, false)]);
    t.push([
      'screened, 10/50/90th percentiles',
      sf.screenedQuantiles.map((q) => num(q.value, 0)).join(' / '),
    ]);
    lines.push('', `scenario ${sc.scenario}${sc.isNull ? ' (null: no drug effect)' : ''}`, t.toString());
  }
  return lines.join('\n');
}
