import { isAssumed, type LoadedProtocol, type Protocol, valueOf } from '@immunotrial/core';
import { collectAssumptions, formatValue } from './protocol-assumptions.js';

type Regimen = Protocol['regimens'][number];

/** A value, with `*` when it is assumed (listed with its provenance at the end). */
function v(x: unknown): string {
  if (!isAssumed(x)) return formatValue(x);
  const unit = typeof x.unit === 'string' && x.unit !== '1' ? ` ${x.unit}` : '';
  return `${formatValue(x.value)}${unit}*`;
}

function short(text: string, width = 100): string {
  const line = text.split('\n')[0] ?? '';
  const more = text.includes('\n') ? ' (…)' : '';
  return line.length > width ? `${line.slice(0, width - 1)}…` : `${line}${more}`;
}

function header(p: Protocol): string[] {
  const ids = [
    p.identifiers.nct,
    p.identifiers.ctis === undefined ? undefined : `CTIS ${p.identifiers.ctis}`,
    p.identifiers.eudract === undefined ? undefined : `EudraCT ${p.identifiers.eudract}`,
    p.identifiers.sponsor_code === undefined ? undefined : `sponsor ${p.identifiers.sponsor_code}`,
    ...(p.identifiers.other ?? []).map((o) => `${o.system} ${o.value}`),
  ].filter((x) => x !== undefined);
  const status = `${p.status.value}${p.status.as_of === undefined ? '' : ` as of ${p.status.as_of}`} (${p.status.source})`;
  const enrolment = `${v(p.enrolment.planned)} planned${p.enrolment.actual === undefined ? '' : `, ${p.enrolment.actual} enrolled`}`;
  return [
    `${p.acronym} (${p.id} v${p.version}${p.source_date === undefined ? '' : `, sources up to ${p.source_date}`})`,
    p.title,
    `Identifiers: ${ids.join(' · ')}`,
    `Sponsor: ${p.sponsor.name}${p.sponsor.country === undefined ? '' : ` (${p.sponsor.country})`} · phase ${v(p.phase)} · ${status}`,
    `Enrolment: ${enrolment}`,
  ];
}

function design(p: Protocol): string[] {
  const a = p.allocation;
  const ratio = valueOf(a.ratio);
  const ratioText = `${Object.values(ratio).join(':')} (${Object.keys(ratio).join(':')})${isAssumed(a.ratio) ? '*' : ''}`;
  const lines = [
    'Arms',
    ...p.arms.map((arm) => `  ${arm.id.padEnd(12)} ${arm.kind.padEnd(8)} ${arm.label}`),
    `Allocation: ${ratioText} · ${v(a.method)}${a.block_sizes === undefined ? '' : ` · blocks ${v(a.block_sizes)}`} · per site ${v(a.per_site)}`,
    ...(a.factors ?? []).map(
      (f) => `  factor ${f.id} from ${f.from}${f.levels ? `: ${f.levels.join(', ')}` : ''}`,
    ),
  ];
  const b = p.blinding;
  lines.push(`Blinding: ${b.level}${b.masked ? ` (${b.masked.join(', ')})` : ''}`);
  for (const u of b.unblinded) lines.push(`  unblinded: ${u.role}, ${u.reason}`);
  for (const m of b.double_dummy?.mapping ?? [])
    lines.push(
      `  double dummy: ${m.arm}${m.stratum === undefined ? '' : `/${m.stratum}`} gets ${m.regimens.join(' + ')}`,
    );
  for (const h of b.hidden_variables)
    lines.push(`  hidden from sites from ${h.from}: ${h.variable} (${h.reason})`);
  return lines;
}

function regimen(r: Regimen): string {
  const s = r.schedule;
  const when = [
    s.every === undefined ? undefined : `every ${v(s.every)}`,
    s.days === undefined ? undefined : `on days ${v(s.days)}`,
    `from day ${s.first_day}`,
    s.last_day === undefined ? undefined : `to day ${v(s.last_day)}`,
    s.max_doses === undefined ? undefined : `at most ${v(s.max_doses)} doses`,
  ].filter((x) => x !== undefined);
  const dose = r.dose === undefined ? '' : ` ${v(r.dose)}`;
  const alt = r.alternative_route
    ? ` (${r.alternative_route.route.toUpperCase()} if ${r.alternative_route.when})`
    : '';
  const lines = [
    `  ${r.id} [${r.arm}${r.stratum === undefined ? '' : `/${r.stratum}`}, ${r.role}]: ${r.product}${dose} ${r.route.toUpperCase()}${alt}, ${when.join(', ')}${r.dose_window === undefined ? '' : `, window ±${v(r.dose_window)}`}`,
  ];
  for (const m of r.dose_modifications)
    lines.push(
      `    if ${m.when}: ${m.action}${m.reduce_by_percent === undefined ? '' : ` by ${m.reduce_by_percent}%`}${m.assumed ? '*' : ''}`,
    );
  return lines.join('\n');
}

function schedule(p: Protocol): string[] {
  return [
    'Regimens',
    ...p.regimens.map(regimen),
    'Visits',
    ...p.visits.map((x) => {
      const w =
        x.window === undefined
          ? ''
          : ` (-${valueOf(x.window).before}/+${valueOf(x.window).after} d${isAssumed(x.window) ? '*' : ''})`;
      const repeat = x.repeat
        ? `, then every ${x.repeat.every_days} d until ${x.repeat.until === 'day' ? `day ${x.repeat.until_day ?? '?'}` : x.repeat.until}`
        : '';
      return `  ${x.id.padEnd(8)} day ${v(x.day)}${w}${repeat}: ${x.assessments.join(', ')}`;
    }),
  ];
}

function outcomes(p: Protocol): string[] {
  const s = p.sample_size;
  const stats = [
    s.alpha === undefined ? undefined : `alpha ${v(s.alpha)}`,
    s.sidedness === undefined ? undefined : `${v(s.sidedness)}-sided`,
    s.power === undefined ? undefined : `power ${v(s.power)}`,
  ].filter((x) => x !== undefined);
  return [
    'Endpoints',
    ...p.endpoints.map((e) => {
      const competing = e.competing_events.length > 0 ? `, competing: ${e.competing_events.join(', ')}` : '';
      return `  ${e.role.padEnd(9)} ${e.id}: ${e.label} (${v(e.kind)}, ${v(e.horizon_days)} d${competing})`;
    }),
    `Sample size: ${v(s.target)} · ${v(s.framework)}${s.endpoint === undefined ? '' : ` · for ${s.endpoint}`}${stats.length > 0 ? ` · ${stats.join(', ')}` : ''}`,
    ...Object.entries(s.assumptions).map(([k, x]) =>
      'source' in x
        ? `  ${k} = ${formatValue(x.value)}${x.unit === undefined ? '' : ` ${x.unit}`} (${x.source})`
        : `  ${k} = ${v(x)}`,
    ),
  ];
}

function eligibility(loaded: LoadedProtocol): string[] {
  const e = loaded.protocol.eligibility;
  const lines = [`Eligibility (${e.inclusion.length} inclusion, ${e.exclusion.length} exclusion)`];
  for (const [kind, list] of [
    ['inclusion', e.inclusion],
    ['exclusion', e.exclusion],
  ] as const) {
    lines.push(`  ${kind}`);
    for (const c of list) {
      const how =
        c.rule !== undefined && c.attestation === true
          ? c.combine === 'and'
            ? 'rule and attestation, both required'
            : 'rule, attestation overrides'
          : c.rule !== undefined
            ? 'rule'
            : 'attestation only';
      lines.push(`    ${c.id.padEnd(4)} [${how}] ${short(c.text)}`);
      if (c.rule !== undefined) lines.push(`         ${c.rule.replace(/\s+/g, ' ').trim()}`);
      if (c.note !== undefined) lines.push(`         note: ${c.note}`);
    }
  }
  for (const [name, rule] of Object.entries(e.definitions))
    lines.push(`  definition ${name} = ${rule.replace(/\s+/g, ' ').trim()}`);
  for (const s of e.stratification?.strata ?? []) lines.push(`  stratum ${s.id} = ${s.rule}`);
  if (e.deadline) lines.push(`  dosing deadline = ${e.deadline.rule}`);
  lines.push('Parameters');
  for (const [name, x] of Object.entries(e.parameters))
    lines.push(
      `  ${name} = ${x.value}${x.unit === '1' ? '' : ` ${x.unit}`}${x.assumed ? '*' : ''}: ${x.provenance}`,
    );
  return lines;
}

/**
 * A readable summary of a protocol for `immunotrial protocol show`: identity, design, schedules, endpoints,
 * sample size, each criterion with how it is decided and its rule, then every assumed value (marked `*`)
 * with its provenance.
 */
export function formatProtocolSummary(loaded: LoadedProtocol): string {
  const p = loaded.protocol;
  const assumed = collectAssumptions(p);
  return [
    ...header(p),
    '',
    ...design(p),
    '',
    ...schedule(p),
    '',
    ...outcomes(p),
    '',
    ...eligibility(loaded),
    '',
    `Assumed values (* above; no public source gives them): ${assumed.length}`,
    ...assumed.map((a) => `  ${a.path} = ${a.value}: ${a.provenance}`),
  ].join('\n');
}
