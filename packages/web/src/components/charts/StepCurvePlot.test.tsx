import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StepCurvePlot, stepValueAt, type StepCurve } from './StepCurvePlot.js';

const placebo: StepCurve = {
  label: 'Placebo',
  steps: [
    { time: 0, value: 1 },
    { time: 5, value: 0.8 },
    { time: 12, value: 0.6 },
  ],
  censorTimes: [7],
  atRisk: [
    { time: 0, n: 10 },
    { time: 10, n: 6 },
  ],
};

describe('StepCurvePlot', () => {
  it('reads a right-continuous step function', () => {
    expect(stepValueAt(placebo.steps, 4.9)).toBe(1);
    expect(stepValueAt(placebo.steps, 5)).toBe(0.8);
    expect(stepValueAt(placebo.steps, 100)).toBe(0.6);
    expect(stepValueAt(placebo.steps, -1)).toBeUndefined();
  });

  it('draws each curve with its censoring ticks and a numbers-at-risk row per group', () => {
    render(
      <StepCurvePlot
        title="Survival to day 28"
        curves={[placebo, { ...placebo, label: 'Active', censorTimes: [] }]}
        timeLabel="Days"
        valueLabel="Survival"
      />,
    );
    expect(screen.getByRole('img', { name: 'Survival to day 28' })).toBeTruthy();
    expect(screen.getByTestId('at-risk-Placebo').textContent).toBe('Placebo106');
    expect(screen.getByTestId('curve-Placebo').querySelectorAll('line')).toHaveLength(1);
    expect(screen.getByTestId('curve-Active').querySelectorAll('line')).toHaveLength(0);
  });
});
