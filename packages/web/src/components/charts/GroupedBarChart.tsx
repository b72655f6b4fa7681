import type { ReactNode } from 'react';
import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';

/** One category on the x axis (a site, a week) with a count per series (a funnel stage). */
export interface BarGroup {
  readonly category: string;
  readonly values: Readonly<Record<string, number>>;
}

/** Props of {@link GroupedBarChart}. */
export interface GroupedBarChartProps {
  readonly title: string;
  readonly groups: readonly BarGroup[];
  /** The series in drawing order (e.g. screened, eligible, consented, randomized, completed). */
  readonly series: readonly string[];
  readonly valueLabel: string;
  readonly width?: number;
  readonly height?: number;
  /** A colour per series, so that a stage keeps its colour across charts. */
  readonly colours?: Readonly<Record<string, string>>;
}

const COLOURS = ['#0072B2', '#56B4E9', '#009E73', '#E69F00', '#D55E00', '#CC79A7'];

/** Grouped bars: the screening funnel per site or per week, each stage its own colour, with a legend. */
export function GroupedBarChart({
  title,
  groups,
  series,
  valueLabel,
  width = 720,
  height = 300,
  colours = {},
}: GroupedBarChartProps): ReactNode {
  const colourOf = (s: string, i: number): string => colours[s] ?? COLOURS[i % COLOURS.length] ?? '#000';
  const margin = { top: 28, right: 16, bottom: 40, left: 56 };
  const innerWidth = width - margin.left - margin.right;
  const innerHeight = height - margin.top - margin.bottom;
  const x0 = scaleBand<string>({
    domain: groups.map((g) => g.category),
    range: [0, innerWidth],
    padding: 0.2,
  });
  const x1 = scaleBand<string>({ domain: [...series], range: [0, x0.bandwidth()], padding: 0.08 });
  const maxValue = Math.max(1, ...groups.flatMap((g) => series.map((s) => g.values[s] ?? 0)));
  const y = scaleLinear<number>({ domain: [0, maxValue], range: [innerHeight, 0], nice: true });

  return (
    <svg width={width} height={height} role="img" aria-label={title} style={{ maxWidth: '100%' }}>
      <title>{title}</title>
      <Group left={margin.left} top={margin.top}>
        {series.map((s, i) => (
          <g key={s} transform={`translate(${i * 110}, -22)`}>
            <rect width={12} height={12} fill={colourOf(s, i)} />
            <text x={16} y={10} fontSize={12}>
              {s}
            </text>
          </g>
        ))}
        <AxisLeft scale={y} label={valueLabel} numTicks={5} tickFormat={(v) => String(v)} />
        <AxisBottom top={innerHeight} scale={x0} />
        {groups.map((g) => (
          <Group key={g.category} left={x0(g.category) ?? 0}>
            {series.map((s, i) => {
              const v = g.values[s] ?? 0;
              return (
                <Bar
                  key={s}
                  x={x1(s) ?? 0}
                  y={y(v)}
                  width={x1.bandwidth()}
                  height={innerHeight - y(v)}
                  fill={colourOf(s, i)}
                >
                  <title>{`${g.category}, ${s}: ${v}`}</title>
                </Bar>
              );
            })}
          </Group>
        ))}
      </Group>
    </svg>
  );
}
