import type { McEstimate, SimulationSummary } from '@immunotrial/sim';
import Table from 'cli-table3';

function fmt(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf';
  return Number.isInteger(x) ? String(x) : x.toFixed(4);
}

function row(label: string, e: McEstimate): string[] {
  return [label, fmt(e.value), fmt(e.mcse)];
}

/**
 * The operating characteristics as terminal tables: one per scenario, each value with its Monte Carlo
 * standard error.
 * @param s - The run's summary.
 */
export function formatSummaryTable(s: SimulationSummary): string {
  const mode = s.mcDraws === 0 ? 'exact posterior probabilities' : `${s.mcDraws} posterior draws per look`;
  const lines = [
    `${s.design === '' ? 'design' : s.design}: ${s.outcome}, arms ${s.arms.join(', ')} (control ${s.control}), looks at ${s.looks.join(', ')} ${s.lookUnit}`,
    `${s.trials} trials per scenario, seed ${s.seed}, ${mode}`,
  ];
  for (const sc of s.scenarios) {
    const table = new Table({
      head: ['measure', 'value', 'MCSE'],
      style: { head: [], border: [], compact: true },
    });
    table.push(
      row(sc.isNull ? 'type I error (any superiority)' : 'power (any superiority)', sc.anySuperiority),
    );
    table.push(row('P(inferiority)', sc.decisions.inferiority));
    table.push(row('P(futility)', sc.decisions.futility));
    table.push(row('P(no decision)', sc.decisions.none));
    table.push(row('expected sample size', sc.sampleSize.mean));
    for (const q of sc.sampleSize.quantiles)
      table.push(row(`sample size, ${q.probability * 100}th percentile`, q));
    if (s.outcome !== 'continuous') table.push(row('expected events', sc.events));
    for (const st of sc.stopping)
      table.push(row(`P(end at look ${st.look}, ${st.at} ${s.lookUnit})`, st.probability));
    for (const a of sc.arms) {
      table.push(row(`${a.arm}: P(superior)`, a.superiority));
      table.push(row(`${a.arm}: P(inferior)`, a.inferiority));
      table.push(row(`${a.arm}: P(futile)`, a.futility));
      table.push(row(`${a.arm}: patients`, a.patients));
      table.push([`${a.arm}: true effect`, fmt(a.trueEffect), '']);
      table.push(row(`${a.arm}: bias of the estimate`, a.bias));
      table.push(row(`${a.arm}: RMSE of the estimate`, a.rmse));
    }
    table.push(row(`${s.control}: patients`, sc.controlPatients));
    lines.push('', `scenario ${sc.scenario}${sc.isNull ? ' (null: all arms equal)' : ''}`, table.toString());
  }
  return lines.join('\n');
}
