import type { ReactNode } from 'react';
import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleLinear } from '@visx/scale';
import { LinePath } from '@visx/shape';
import { curveStepAfter } from '@visx/curve';

/** One group's curve: a right-continuous step function with its censoring times and numbers at risk. */
export interface StepCurve {
  readonly label: string;
  /** (time, value) after each jump, starting at time 0; value is a probability in [0, 1]. */
  readonly steps: readonly { readonly time: number; readonly value: number }[];
  /** Times at which a participant was censored (marked with a tick on the curve). */
  readonly censorTimes?: readonly number[];
  /** Numbers at risk at the tick times of the table below the plot. */
  readonly atRisk: readonly { readonly time: number; readonly n: number }[];
}

/** Props of {@link StepCurvePlot}. */
export interface StepCurvePlotProps {
  readonly title: string;
  readonly curves: readonly StepCurve[];
  /** Label of the time axis, with its unit ("Days since randomization"). */
  readonly timeLabel: string;
  /** Label of the value axis ("Survival probability", "Cumulative incidence"). */
  readonly valueLabel: string;
  readonly width?: number;
  /** Largest value shown on the y axis (1 for survival; a cumulative incidence may use less). */
  readonly yMax?: number;
}

// Okabe-Ito colours: distinguishable with colour-vision deficiency and dark enough on white.
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#56B4E9', '#E69F00'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3'];

/** The value of a step function at `t` (right-continuous: the value after the last jump at or before t). */
export function stepValueAt(steps: StepCurve['steps'], t: number): number | undefined {
  let value: number | undefined;
  for (const s of steps) {
    if (s.time > t) break;
    value = s.value;
  }
  return value;
}

/**
 * Kaplan-Meier or cumulative-incidence curves (step functions) with censoring ticks and the numbers at risk
 * aligned under the time axis, as in a published survival figure. Curves differ by colour and dash, so the
 * figure also reads in grey.
 */
export function StepCurvePlot({
  title,
  curves,
  timeLabel,
  valueLabel,
  width = 720,
  yMax = 1,
}: StepCurvePlotProps): ReactNode {
  const margin = { top: 16, right: 24, bottom: 48, left: 110 };
  const plotHeight = 280;
  const rowHeight = 20;
  const tableTop = margin.top + plotHeight + margin.bottom + 8;
  const height = tableTop + 22 + curves.length * rowHeight + 8;
  const innerWidth = width - margin.left - margin.right;
  const maxTime = Math.max(
    1,
    ...curves.flatMap((c) => [...c.steps.map((s) => s.time), ...c.atRisk.map((r) => r.time)]),
  );
  const x = scaleLinear<number>({ domain: [0, maxTime], range: [0, innerWidth], nice: true });
  const y = scaleLinear<number>({ domain: [0, yMax], range: [plotHeight, 0] });
  const riskTimes = [...new Set(curves.flatMap((c) => c.atRisk.map((r) => r.time)))].sort((a, b) => a - b);

  return (
    <svg width={width} height={height} role="img" aria-labelledby="plot-title" style={{ maxWidth: '100%' }}>
      <title id="plot-title">{title}</title>
      <Group left={margin.left} top={margin.top}>
        <AxisLeft scale={y} label={valueLabel} tickFormat={(v) => Number(v).toFixed(1)} numTicks={5} />
        <AxisBottom top={plotHeight} scale={x} label={timeLabel} numTicks={8} />
        {curves.map((curve, i) => {
          const last = curve.steps.at(-1);
          const points =
            last && last.time < maxTime
              ? [...curve.steps, { time: maxTime, value: last.value }]
              : curve.steps;
          const colour = COLOURS[i % COLOURS.length];
          return (
            <g key={curve.label} data-testid={`curve-${curve.label}`}>
              <LinePath
                data={[...points]}
                x={(d) => x(d.time)}
                y={(d) => y(d.value)}
                curve={curveStepAfter}
                stroke={colour}
                strokeWidth={2}
                strokeDasharray={DASHES[i % DASHES.length]}
              />
              {(curve.censorTimes ?? []).map((t, j) => {
                const v = stepValueAt(curve.steps, t);
                return v === undefined ? null : (
                  <line
                    key={`${t}-${j}`}
                    x1={x(t)}
                    x2={x(t)}
                    y1={y(v) - 5}
                    y2={y(v) + 5}
                    stroke={colour}
                    strokeWidth={1.5}
                  />
                );
              })}
            </g>
          );
        })}
        <g transform={`translate(${innerWidth - 180}, 4)`}>
          {curves.map((curve, i) => (
            <g key={curve.label} transform={`translate(0, ${i * 18})`}>
              <line
                x1={0}
                x2={24}
                y1={6}
                y2={6}
                stroke={COLOURS[i % COLOURS.length]}
                strokeWidth={2}
                strokeDasharray={DASHES[i % DASHES.length]}
              />
              <text x={30} y={10} fontSize={12}>
                {curve.label}
              </text>
            </g>
          ))}
        </g>
      </Group>
      <Group left={margin.left} top={tableTop}>
        <text x={-margin.left + 4} y={10} fontSize={12} fontWeight={600}>
          Number at risk
        </text>
        {curves.map((curve, i) => (
          <g
            key={curve.label}
            transform={`translate(0, ${22 + i * rowHeight})`}
            data-testid={`at-risk-${curve.label}`}
          >
            <text x={-16} y={10} fontSize={12} textAnchor="end" fill={COLOURS[i % COLOURS.length]}>
              {curve.label.length > 13 ? `${curve.label.slice(0, 12)}…` : curve.label}
            </text>
            {riskTimes.map((t) => (
              <text key={t} x={x(t)} y={10} fontSize={12} textAnchor="middle">
                {curve.atRisk.find((r) => r.time === t)?.n ?? ''}
              </text>
            ))}
          </g>
        ))}
      </Group>
    </svg>
  );
}
