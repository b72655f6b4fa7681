// Inline SVG charts for the twin's HTML report: plain strings, no external assets or scripts.

/** One series of a chart: points, and an optional interval per point (error bars). */
export interface Series {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
  readonly intervals?: readonly (readonly [number, number])[];
  /** Draw as a step function (survival and incidence curves). */
  readonly step?: boolean;
}

/** A chart's frame. */
export interface ChartFrame {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly yMin?: number;
  readonly yMax?: number;
  /** Horizontal reference lines (e.g. alpha, 80% power). */
  readonly references?: readonly { readonly y: number; readonly label: string }[];
}

const WIDTH = 560;
const HEIGHT = 320;
const MARGIN = { left: 60, right: 20, top: 36, bottom: 48 };
const COLOURS = ['#1f6fb2', '#d9661f', '#2f9e44', '#9c36b5', '#c92a2a'];

/** Escapes text for SVG and HTML. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function ticks(lo: number, hi: number, count = 5): number[] {
  const span = hi - lo || 1;
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => span / s <= count) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    out.push(Number(v.toPrecision(12)));
  return out;
}

function label(v: number): string {
  return Math.abs(v) >= 1000 || Number.isInteger(v)
    ? String(Math.round(v))
    : String(Number(v.toPrecision(3)));
}

function frame(
  f: ChartFrame,
  xs: readonly number[],
  ys: readonly number[],
  body: (x: (v: number) => number, y: (v: number) => number) => string,
): string {
  const finiteX = xs.filter(Number.isFinite);
  const finiteY = ys.filter(Number.isFinite);
  const xLo = Math.min(...finiteX);
  const xHi = Math.max(...finiteX);
  const yLo = f.yMin ?? Math.min(0, ...finiteY);
  const yHi = f.yMax ?? Math.max(...finiteY, yLo + 1e-9);
  const w = WIDTH - MARGIN.left - MARGIN.right;
  const h = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (v: number): number => MARGIN.left + (xHi === xLo ? w / 2 : ((v - xLo) / (xHi - xLo)) * w);
  const y = (v: number): number => MARGIN.top + h - (yHi === yLo ? h / 2 : ((v - yLo) / (yHi - yLo)) * h);
  const xTicks = ticks(xLo, xHi)
    .map(
      (v) =>
        `<line x1="${x(v)}" x2="${x(v)}" y1="${MARGIN.top + h}" y2="${MARGIN.top + h + 4}" stroke="#555"/><text x="${x(v)}" y="${MARGIN.top + h + 16}" text-anchor="middle">${label(v)}</text>`,
    )
    .join('');
  const yTicks = ticks(yLo, yHi)
    .map(
      (v) =>
        `<line x1="${MARGIN.left}" x2="${MARGIN.left + w}" y1="${y(v)}" y2="${y(v)}" stroke="#eee"/><text x="${MARGIN.left - 6}" y="${y(v) + 4}" text-anchor="end">${label(v)}</text>`,
    )
    .join('');
  const refs = (f.references ?? [])
    .filter((r) => r.y >= yLo && r.y <= yHi)
    .map(
      (r) =>
        `<line x1="${MARGIN.left}" x2="${MARGIN.left + w}" y1="${y(r.y)}" y2="${y(r.y)}" stroke="#888" stroke-dasharray="4 3"/><text x="${MARGIN.left + w - 2}" y="${y(r.y) - 4}" text-anchor="end" fill="#666">${escapeXml(r.label)}</text>`,
    )
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="11" role="img" aria-label="${escapeXml(f.title)}">`,
    `<text x="${WIDTH / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(f.title)}</text>`,
    yTicks,
    `<line x1="${MARGIN.left}" x2="${MARGIN.left + w}" y1="${MARGIN.top + h}" y2="${MARGIN.top + h}" stroke="#555"/>`,
    `<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${MARGIN.top + h}" stroke="#555"/>`,
    xTicks,
    refs,
    body(x, y),
    `<text x="${MARGIN.left + w / 2}" y="${HEIGHT - 8}" text-anchor="middle">${escapeXml(f.xLabel)}</text>`,
    `<text transform="translate(14 ${MARGIN.top + h / 2}) rotate(-90)" text-anchor="middle">${escapeXml(f.yLabel)}</text>`,
    '</svg>',
  ].join('');
}

function legend(series: readonly Series[]): string {
  return series
    .map(
      (s, i) =>
        `<g transform="translate(${MARGIN.left + 10 + 150 * i} ${MARGIN.top + 4})"><rect width="12" height="3" y="4" fill="${COLOURS[i % COLOURS.length] ?? '#000'}"/><text x="16" y="9">${escapeXml(s.name)}</text></g>`,
    )
    .join('');
}

/**
 * A line or step chart of one or more series, with error bars where given.
 * @param f - Title, axis labels, y range and reference lines.
 * @param series - The series.
 * @example lineChart({ title: 'Power', xLabel: 'HR', yLabel: 'power', yMin: 0, yMax: 1 }, [{ name: 'power', points: [[1, 0.05], [0.7, 0.8]] }])
 */
export function lineChart(f: ChartFrame, series: readonly Series[]): string {
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => [...s.points.map((p) => p[1]), ...(s.intervals ?? []).flat()]);
  if (xs.length === 0) return '';
  return frame(f, xs, ys, (x, y) => {
    const parts = series.map((s, i) => {
      const colour = COLOURS[i % COLOURS.length] ?? '#000';
      const pts = [...s.points].sort((a, b) => a[0] - b[0]);
      let d = '';
      pts.forEach(([px, py], k) => {
        if (k === 0) d += `M${x(px)},${y(py)}`;
        else if (s.step === true) d += `H${x(px)}V${y(py)}`;
        else d += `L${x(px)},${y(py)}`;
      });
      const bars = (s.intervals ?? [])
        .map((iv, k) => {
          const p = s.points[k];
          return p === undefined
            ? ''
            : `<line x1="${x(p[0])}" x2="${x(p[0])}" y1="${y(iv[0])}" y2="${y(iv[1])}" stroke="${colour}"/>`;
        })
        .join('');
      const dots =
        s.step === true
          ? ''
          : s.points
              .map(([px, py]) => `<circle cx="${x(px)}" cy="${y(py)}" r="3" fill="${colour}"/>`)
              .join('');
      return `<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>${bars}${dots}`;
    });
    return parts.join('') + (series.length > 1 ? legend(series) : '');
  });
}

/**
 * A histogram of values in `bins` equal bins.
 * @param f - Frame.
 * @param values - The values (e.g. patients screened per trial).
 * @param bins - Number of bins.
 */
export function histogram(f: ChartFrame, values: readonly number[], bins = 20): string {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return '';
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const width = (hi - lo) / bins || 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of finite) {
    const k = Math.min(bins - 1, Math.floor((v - lo) / width));
    counts[k] = (counts[k] ?? 0) + 1;
  }
  const edges = Array.from({ length: bins + 1 }, (_, k) => lo + k * width);
  return frame(f, edges, [0, ...counts], (x, y) =>
    counts
      .map((c, k) => {
        const x0 = x(lo + k * width);
        const x1 = x(lo + (k + 1) * width);
        return `<rect x="${x0}" y="${y(c)}" width="${Math.max(0, x1 - x0 - 1)}" height="${y(0) - y(c)}" fill="${COLOURS[0] ?? '#000'}" opacity="0.8"/>`;
      })
      .join(''),
  );
}

/**
 * Horizontal bars with their labels (a screening funnel, failure reasons).
 * @param title - Chart title.
 * @param bars - Label and value of each bar, top to bottom.
 * @param format - How a value is printed beside its bar.
 */
export function barChart(
  title: string,
  bars: readonly { readonly label: string; readonly value: number }[],
  format: (v: number) => string,
): string {
  const rowHeight = 22;
  const height = 40 + rowHeight * bars.length;
  const labelWidth = 230;
  const barWidth = WIDTH - labelWidth - 80;
  const max = Math.max(...bars.map((b) => b.value), 1e-9);
  const rows = bars
    .map((b, i) => {
      const yy = 32 + i * rowHeight;
      const w = (b.value / max) * barWidth;
      return `<text x="${labelWidth - 6}" y="${yy + 14}" text-anchor="end">${escapeXml(b.label)}</text><rect x="${labelWidth}" y="${yy + 3}" width="${w}" height="${rowHeight - 6}" fill="${COLOURS[i === 0 ? 0 : 1] ?? '#000'}" opacity="0.85"/><text x="${labelWidth + w + 4}" y="${yy + 14}">${escapeXml(format(b.value))}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" font-family="sans-serif" font-size="11" role="img" aria-label="${escapeXml(title)}"><text x="${WIDTH / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(title)}</text>${rows}</svg>`;
}
