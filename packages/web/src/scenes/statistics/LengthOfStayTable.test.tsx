import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LengthOfStay } from '../../api/trial-admin.js';
import { theme } from '../../theme.js';
import { LengthOfStayTable } from './LengthOfStayTable.js';

const ICU: LengthOfStay = {
  endpointId: 'icu-los',
  label: 'ICU length of stay',
  unit: 'icu',
  timeUnit: 'days',
  horizonDays: 90,
  blinded: false,
  groups: [
    {
      label: 'Interferon gamma-1b',
      n: 4,
      dischargedAlive: 2,
      days: { q1: 4.25, median: 5.5, q3: 7.5 },
      diedInUnit: 1,
      stillInUnit: 1,
      admissionUnknown: 0,
    },
    {
      label: 'Placebo',
      n: 1,
      dischargedAlive: 0,
      days: null,
      diedInUnit: 0,
      stillInUnit: 0,
      admissionUnknown: 1,
    },
  ],
};

function rows(): string[][] {
  const table = screen.getByRole('table', { name: 'ICU length of stay: length of stay' });
  return within(table)
    .getAllByRole('row')
    .map((r) =>
      within(r)
        .queryAllByRole('cell')
        .map((c) => c.textContent),
    );
}

describe('LengthOfStayTable', () => {
  it('shows a row per group: counts, and the median and quartiles of those discharged alive', () => {
    render(
      <MantineProvider theme={theme} env="test">
        <LengthOfStayTable analysis={ICU} />
      </MantineProvider>,
    );
    expect(screen.getByText('ICU length of stay (by arm)')).toBeTruthy();
    expect(rows().slice(1)).toEqual([
      ['Interferon gamma-1b', '4', '2', '5.5 (4.3–7.5)', '1', '1', '0'],
      ['Placebo', '1', '0', '–', '0', '0', '1'],
    ]);
    expect(screen.getByText(/by day 90 after randomization/)).toBeTruthy();
  });
});
