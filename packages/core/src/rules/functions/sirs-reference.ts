/**
 * `sirs_pair` as first written, over records: the definition that sirs.test.ts compares the array scans of
 * sirs.ts and sirs-items.ts with, on random timelines. Used by tests only (not exported from the package).
 */
import { HOUR_MS, type Instant } from '../../time/duration.js';
import type { ObservationRecord } from '../../timeline/types.js';
import { VARIABLES, type VariableId } from '../../variables/registry.js';
import { boolOutcome, formatNumber } from '../outcome.js';
import type { BoolOutcome, EvalContext } from '../types.js';
import { evidenceOf, numericRange, type ScoreWindow, valuesIn } from './score-helpers.js';

const SIRS_PAIR_SPAN_MS = 24 * HOUR_MS;

interface SirsItem {
  readonly name: string;
  readonly variables: readonly VariableId[];
  /** Does a value (canonical unit of its variable) meet the item? */
  readonly meets: (variable: VariableId, value: number) => boolean;
}

// SIRS (Bone et al., Chest 1992; IRIS-7 I2 as FHIR-PROFILE.md §9 writes it).
const SIRS_ITEMS: readonly SirsItem[] = [
  { name: 'temperature > 38 or < 36 °C', variables: ['temperature'], meets: (_, v) => v > 38 || v < 36 },
  { name: 'heart rate > 90/min', variables: ['heart_rate'], meets: (_, v) => v > 90 },
  {
    name: 'respiratory rate > 20/min or PaCO2 < 32 mmHg',
    variables: ['respiratory_rate', 'paco2'],
    meets: (variable, v) => (variable === 'paco2' ? v < 32 : v > 20),
  },
  { name: 'WBC > 12 or < 4 ×10⁹/L', variables: ['wbc'], meets: (_, v) => v > 12 || v < 4 },
];

interface ItemData {
  readonly item: SirsItem;
  readonly measured: readonly ObservationRecord[];
  /** Results meeting the item, by time. */
  readonly meeting: readonly ObservationRecord[];
}

function itemData(ctx: EvalContext, w: ScoreWindow, item: SirsItem): ItemData {
  const [first, second] = item.variables;
  if (first === undefined) return { item, measured: [], meeting: [] };
  if (second === undefined) {
    // One variable: its window range, read through the value array (hourly vitals: the hot case).
    const { records, values, lo, hi } = numericRange(ctx, first, w.from, w.to, w.closedEnd);
    const meeting: ObservationRecord[] = [];
    for (let i = lo; i < hi; i++) {
      let v: number | undefined = values === undefined ? NaN : (values[i] ?? NaN);
      if (v !== v) v = records[i]?.value;
      const o = records[i];
      if (v !== undefined && o !== undefined && item.meets(first, v)) meeting.push(o);
    }
    return { item, measured: records.slice(lo, hi), meeting };
  }
  // Each list is sorted by time already: merged in time order, the first list first among equal times.
  const a = valuesIn(ctx, first, w);
  const b = valuesIn(ctx, second, w);
  const measured: ObservationRecord[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x !== undefined && (y === undefined || x.time <= y.time)) {
      measured.push(x);
      i++;
    } else if (y !== undefined) {
      measured.push(y);
      j++;
    } else break;
  }
  const meeting = measured.filter((o) => o.value !== undefined && item.meets(o.variable, o.value));
  return { item, measured, meeting };
}

/** Two results, one from each sorted list, at most `span` apart (a merge walk over both lists). */
function closePair(
  a: readonly ObservationRecord[],
  b: readonly ObservationRecord[],
  span: Instant,
): [ObservationRecord, ObservationRecord] | undefined {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (!x || !y) break;
    if (Math.abs(x.time - y.time) <= span) return [x, y];
    if (x.time < y.time) i++;
    else j++;
  }
  return undefined;
}

function resultText(o: ObservationRecord): string {
  return `${VARIABLES[o.variable].label} ${formatNumber(o.value ?? NaN)} ${VARIABLES[o.variable].displayUnit} (${o.ref})`;
}

/** The most abnormal-looking results of an item without a meeting one: its lowest and highest. */
function extremes(d: ItemData): ObservationRecord[] {
  const byValue = [...d.measured].sort((a, b) => (a.value ?? 0) - (b.value ?? 0));
  const lo = byValue[0];
  const hi = byValue[byValue.length - 1];
  return lo && hi && lo !== hi ? [lo, hi] : lo ? [lo] : [];
}

/** `sirs_pair` over W as first written (records, closures and sorts). */
export function referenceSirsPair(ctx: EvalContext, w: ScoreWindow): BoolOutcome {
  const data = SIRS_ITEMS.map((item) => itemData(ctx, w, item));
  let possible = false;
  for (let i = 0; i < data.length; i++) {
    for (let j = i + 1; j < data.length; j++) {
      const a = data[i];
      const b = data[j];
      if (!a || !b) continue;
      const pair = closePair(a.meeting, b.meeting, SIRS_PAIR_SPAN_MS);
      if (pair) {
        const [x, y] = pair;
        return boolOutcome('met', [evidenceOf(x), evidenceOf(y)], () => {
          const hours = Math.round((Math.abs(x.time - y.time) / HOUR_MS) * 10) / 10;
          return `SIRS ${a.item.name} and ${b.item.name} within ${hours} h in ${w.text}: ${resultText(x)}, ${resultText(y)}`;
        });
      }
      // An item without values in W can still qualify; a measured item only through a meeting value,
      // and two measured items only through a close pair, which they do not have.
      const canQualify = (d: ItemData): boolean => d.measured.length === 0 || d.meeting.length > 0;
      if (canQualify(a) && canQualify(b) && (a.measured.length === 0 || b.measured.length === 0))
        possible = true;
    }
  }
  const unmeasured = data.filter((d) => d.measured.length === 0).map((d) => d.item.name);
  const shown = data.flatMap((d) => (d.meeting.length > 0 ? d.meeting.slice(-1) : extremes(d)));
  if (possible)
    return boolOutcome(
      'unknown',
      shown.map(evidenceOf),
      () => `no two SIRS items within 24 h in ${w.text} yet; not measured there: ${unmeasured.join('; ')}`,
    );
  return boolOutcome('not_met', shown.map(evidenceOf), () => {
    const met = data.filter((d) => d.meeting.length > 0).map((d) => d.item.name);
    return `no two SIRS items within 24 h in ${w.text}${met.length > 0 ? ` (met alone: ${met.join('; ')})` : ''}: ${shown.map(resultText).join(', ')}`;
  });
}
