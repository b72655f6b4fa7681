import type { TwinSummary } from '@immunotrial/sim';
import { cumulativeIncidence, kaplanMeier } from '@immunotrial/stats';
import { toJson } from '../stats/render.js';
import { barChart, escapeXml, histogram, lineChart, type Series } from './svg-charts.js';

function pct(x: number): string {
  return Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '-';
}

function powerChart(s: TwinSummary): string {
  const swept = s.scenarios.filter((sc) => sc.x !== undefined);
  if (swept.length < 2) {
    return `<p>No sweep in the scenarios: power by scenario is in the table below.</p>`;
  }
  const points = swept.map((sc) => [sc.x ?? 0, sc.power.value] as const);
  const intervals = swept.map(
    (sc) =>
      [
        Math.max(0, sc.power.value - 2 * sc.power.mcse),
        Math.min(1, sc.power.value + 2 * sc.power.mcse),
      ] as const,
  );
  return lineChart(
    {
      title: `Power against ${s.sweep ?? 'effect size'}`,
      xLabel: s.sweep ?? 'effect',
      yLabel: 'P(success of the primary analysis)',
      yMin: 0,
      yMax: 1,
      references: [
        { y: 0.8, label: '80%' },
        { y: 0.05, label: '5%' },
      ],
    },
    [{ name: 'power (±2 MCSE)', points, intervals }],
  );
}

function screeningCharts(s: TwinSummary): string {
  const sc = s.scenarios[0];
  if (sc === undefined) return '';
  const funnel = barChart(
    'Screening funnel, mean per trial',
    [
      { label: 'ICU admissions at the sites', value: sc.screening.admissions.value },
      { label: 'screened (real engine)', value: sc.screening.screened.value },
      { label: 'randomized', value: sc.screening.randomized },
    ],
    (v) => v.toFixed(0),
  );
  const reasons = barChart(
    'Screen failures (first excluding criterion), share of the screened',
    s.pool.failures
      .slice(0, 10)
      .map((f) => ({ label: `${f.criterion} ${f.label}`.slice(0, 40), value: f.share })),
    pct,
  );
  const burden = histogram(
    {
      title: `Patients screened to randomize ${s.protocol.sampleSize} (${sc.trials} trials)`,
      xLabel: 'patients screened',
      yLabel: 'trials',
    },
    sc.screenedPerTrial,
  );
  return funnel + reasons + burden;
}

function exampleCurves(s: TwinSummary): string {
  const ex = s.example;
  if (ex === undefined) return '';
  const p = ex.participants;
  const horizon = p.horizonDays;
  const levels = [...new Set(p.arm)].sort();
  const out: string[] = [];
  const deathTime = p.deathDay.map((d) => (Number.isFinite(d) && d <= horizon ? d : horizon));
  const dead = p.deathDay.map((d) => (Number.isFinite(d) && d <= horizon ? 1 : 0));
  if (levels.every((l) => p.arm.filter((a) => a === l).length >= 2)) {
    const km = kaplanMeier(deathTime, dead, { group: p.arm, levels });
    const series: Series[] = km.curves.map((c) => ({
      name: c.group ?? 'all',
      step: true,
      points: [[0, 1] as const, ...c.time.map((t, k) => [t, c.surv[k] ?? Number.NaN] as const)],
    }));
    out.push(
      lineChart(
        {
          title: `Survival to day ${horizon}, by arm`,
          xLabel: 'days from randomization',
          yLabel: 'Kaplan-Meier survival',
          yMin: 0,
          yMax: 1,
        },
        series,
      ),
    );
  }
  if (s.protocol.derivation === 'secondary_infection' && p.status.some((st) => st === 1)) {
    const cif = cumulativeIncidence(p.time, p.status, { group: p.arm, levels });
    const series: Series[] = cif.curves
      .filter((c) => c.cause === 1)
      .map((c) => ({
        name: c.group ?? 'all',
        step: true,
        points: [[0, 0] as const, ...c.time.map((t, k) => [t, c.estimate[k] ?? Number.NaN] as const)],
      }));
    out.push(
      lineChart(
        {
          title: 'Cumulative incidence of secondary infection (death competing)',
          xLabel: 'days from randomization',
          yLabel: 'Aalen-Johansen estimate',
          yMin: 0,
        },
        series,
      ),
    );
  }
  return out.join('');
}

function scenarioTable(s: TwinSummary): string {
  const head = [
    'scenario',
    'power / type I error (MCSE)',
    'mean estimate',
    ...s.protocol.arms.map((a) => `${a}: events`),
    ...s.protocol.arms.map((a) => `${a}: deaths`),
    'screened / trial',
    'days to enrol',
  ];
  const rows = s.scenarios.map((sc) => [
    sc.scenario + (sc.isNull ? ' (null)' : ''),
    `${pct(sc.power.value)} (${pct(sc.power.mcse)})`,
    sc.estimate.mean.value.toFixed(3),
    ...sc.arms.map((a) => pct(a.eventRate.value)),
    ...sc.arms.map((a) => pct(a.mortality.value)),
    sc.screening.screened.value.toFixed(0),
    sc.screening.accrualDays.value.toFixed(0),
  ]);
  const cell = (t: string, tag: string): string => `<${tag}>${escapeXml(t)}</${tag}>`;
  return `<table><thead><tr>${head.map((h) => cell(h, 'th')).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => cell(c, 'td')).join('')}</tr>`).join('')}</tbody></table>`;
}

/**
 * The self-contained HTML report of a twin run (`immunotrial simulate --protocol ... --out DIR`): the
 * protocol and analysis, the operating characteristics per scenario, and inline SVG plots — power against
 * effect size, the screening funnel and screen-failure reasons, the distribution of patients screened per
 * trial, and the Kaplan-Meier and cumulative incidence curves of one simulated trial (stats package). The
 * summary JSON is embedded. No script, stylesheet or image is fetched.
 * @param s - The run's summary.
 */
export function renderTwinReport(s: TwinSummary): string {
  const p = s.protocol;
  const title = `${p.acronym}: simulated trials (patient-level twin)`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title>
<style>body{font-family:sans-serif;max-width:1180px;margin:2em auto;color:#222}h1{font-size:1.5em}svg{margin:8px;border:1px solid #eee}table{border-collapse:collapse;font-size:13px;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}td:first-child{text-align:left}.note{color:#555;font-size:13px}</style>
</head><body>
<h1>${escapeXml(title)}</h1>
<p>${escapeXml(`${p.id} ${p.version}: ${p.sampleSize} randomized to ${p.arms.join(', ')} (control ${p.control}). Primary endpoint ${p.endpoint} (${p.endpointLabel}), derived by the core's ${p.derivation.replace(/_/g, ' ')} code; ${p.analysis}.`)}</p>
<p class="note">${escapeXml(`${s.trials} trials per scenario, seed ${s.seed}, model ${s.model}. Screening pool: ${s.pool.admissions} ICU admissions, ${s.pool.screened} screened by the real eligibility engine (${s.pool.screenings} screenings), ${s.pool.eligible} eligible. ${s.accrual.sites} sites, ${s.accrual.admissions_per_site_per_day} admissions per site and day.`)}</p>
<h2>Operating characteristics</h2>
${scenarioTable(s)}
${powerChart(s)}
<h2>Screening</h2>
${screeningCharts(s)}
<h2>One simulated trial</h2>
<p class="note">${escapeXml(s.example === undefined ? '' : `Trial 0 of scenario ${s.example.scenario}: its ${s.protocol.sampleSize} participants by arm (Kaplan-Meier and Aalen-Johansen, statistics package).`)}</p>
${exampleCurves(s)}
<h2>Summary (JSON)</h2>
<pre class="note">${escapeXml(toJson({ ...s, example: undefined }))}</pre>
</body></html>
`;
}
