import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ParticipantSummary, SessionInfo } from '../../api/types.js';
import { fakeServer, type FakeHandler } from '../../test/fake-server.js';
import { renderWithSession } from '../../test/render.js';
import { StatusPanel } from './StatusPanel.js';

const coordinator: SessionInfo = {
  user: { id: 'u1', username: 'cora', fullName: 'Cora Coordinator' },
  grants: [{ role: 'coordinator', trialId: 'platinium', siteId: 's1' }],
  csrfToken: 'csrf-1',
  expiresAt: '2099-01-01T00:00:00.000Z',
};

function participant(extra: Partial<ParticipantSummary> = {}): ParticipantSummary {
  return {
    id: 'p1',
    trialId: 'platinium',
    siteId: 's1',
    screeningNumber: 'PLA-001',
    patientRef: 'pat-1',
    status: 'on_treatment',
    statusReason: null,
    deathDate: null,
    icuDischargedAt: null,
    hospitalDischargedAt: null,
    icuAdmittedAt: null,
    hospitalAdmittedAt: null,
    createdAt: '2026-03-10T08:00:00Z',
    nextStatuses: ['follow_up', 'withdrawn', 'dead'],
    ...extra,
  };
}

const RANDOMIZATION = { randomizationNumber: 1, kitNumber: 'K-001', randomizedAt: '2026-03-17T09:00:00Z' };

/** One participant: GET shows it, POST /discharge records what it is sent (or answers `refusal`). */
function serverWith(
  start: Partial<ParticipantSummary>,
  refusal?: readonly [number, unknown],
  randomization: typeof RANDOMIZATION | null = RANDOMIZATION,
): ReturnType<typeof fakeServer> {
  let current = participant(start);
  const post: FakeHandler = ({ body }) => {
    if (refusal !== undefined) return refusal;
    const b = body as Record<string, string | null | undefined>;
    const keys = ['icuDischargedAt', 'hospitalDischargedAt', 'icuAdmittedAt', 'hospitalAdmittedAt'] as const;
    for (const k of keys) {
      const v = b[k];
      if (v !== undefined) current = { ...current, [k]: v };
    }
    return [200, current];
  };
  return fakeServer({
    'GET /api/participants/p1': () => [
      200,
      { participant: current, screening: null, consent: null, eligibility: null, randomization },
    ],
    'POST /api/participants/p1/discharge': post,
  });
}

// 25 Mar 2026, 09:00 UTC = 10:00 in Paris (UTC+1 until 29 March).
const now = (): number => Date.parse('2026-03-25T09:00:00Z');

function render(server: ReturnType<typeof fakeServer>, canChange = true): void {
  renderWithSession(
    <StatusPanel participantId="p1" timeZone="Europe/Paris" canChange={canChange} now={now} />,
    coordinator,
    server.fetch,
  );
}

const posted = (server: ReturnType<typeof fakeServer>): unknown[] =>
  server.sent.filter((r) => r.method === 'POST').map((r) => r.body);

describe('DischargePanel', () => {
  it('records the ICU discharge typed in site time as a UTC instant, then shows it', async () => {
    const server = serverWith({});
    render(server);
    const user = userEvent.setup();
    expect((await screen.findByTestId('icu-discharge')).textContent).toBe('ICU discharge: not recorded');
    const field = screen.getByLabelText(/^ICU discharge/, { selector: 'input' });
    expect(field.getAttribute('max')).toBe('2026-03-25T10:00');
    await user.type(field, '2026-03-21T15:00');
    await user.click(screen.getByRole('button', { name: 'Record times' }));
    await waitFor(() => {
      expect(screen.getByTestId('icu-discharge').textContent).toMatch(/^ICU discharge: 21 Mar 2026, 15:00/);
    });
    expect(posted(server)).toEqual([{ icuDischargedAt: '2026-03-21T14:00:00.000Z' }]);
    expect(screen.getByTestId('hospital-discharge').textContent).toBe('Hospital discharge: not recorded');
  });

  it('records the ICU and hospital admissions typed in site time as UTC instants, then shows them', async () => {
    const server = serverWith({});
    render(server);
    const user = userEvent.setup();
    expect((await screen.findByTestId('icu-admission')).textContent).toBe('ICU admission: not recorded');
    await user.type(screen.getByLabelText(/^Hospital admission/, { selector: 'input' }), '2026-03-14T18:00');
    await user.type(screen.getByLabelText(/^ICU admission/, { selector: 'input' }), '2026-03-15T22:00');
    await user.click(screen.getByRole('button', { name: 'Record times' }));
    await waitFor(() => {
      expect(screen.getByTestId('icu-admission').textContent).toMatch(/^ICU admission: 15 Mar 2026, 22:00/);
    });
    expect(screen.getByTestId('hospital-admission').textContent).toMatch(
      /^Hospital admission: 14 Mar 2026, 18:00/,
    );
    expect(posted(server)).toEqual([
      { hospitalAdmittedAt: '2026-03-14T17:00:00.000Z', icuAdmittedAt: '2026-03-15T21:00:00.000Z' },
    ]);
  });

  it('refuses a hospital admission after the ICU admission before sending anything', async () => {
    const server = serverWith({ icuAdmittedAt: '2026-03-15T21:00:00.000Z' });
    render(server);
    const user = userEvent.setup();
    await user.type(
      await screen.findByLabelText(/^Hospital admission/, { selector: 'input' }),
      '2026-03-16T08:00',
    );
    expect(screen.getByText('The hospital admission cannot be after the ICU admission.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Record times' }).hasAttribute('disabled')).toBe(true);
    expect(posted(server)).toEqual([]);
  });

  it('refuses a time in the future before sending anything', async () => {
    const server = serverWith({});
    render(server);
    const user = userEvent.setup();
    await user.type(
      await screen.findByLabelText(/^Hospital discharge/, { selector: 'input' }),
      '2026-03-25T11:00',
    );
    expect(screen.getByText('The hospital discharge cannot be in the future.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Record times' }).hasAttribute('disabled')).toBe(true);
    expect(posted(server)).toEqual([]);
  });

  it("asks a reason to correct a recorded discharge, and shows the server's refusal", async () => {
    const server = serverWith({ icuDischargedAt: '2026-03-21T14:00:00.000Z' }, [
      400,
      {
        error: {
          code: 'request.invalid',
          message:
            'icuDischargedAt: 2026-03-16T09:00:00+01:00 is before randomization (2026-03-17T10:00:00+01:00)',
          path: 'icuDischargedAt',
        },
      },
    ]);
    render(server);
    const user = userEvent.setup();
    const field = await screen.findByLabelText(/^ICU discharge/, { selector: 'input' });
    expect((field as HTMLInputElement).value).toBe('2026-03-21T15:00');
    expect(screen.queryByLabelText(/^Reason for the correction/)).toBeNull();
    await user.clear(field);
    await user.type(field, '2026-03-16T09:00');
    const submit = screen.getByRole('button', { name: 'Correct times' });
    expect(submit.hasAttribute('disabled')).toBe(true);
    expect(screen.getByText('Give the reason for changing a recorded time.')).toBeTruthy();
    await user.type(screen.getByLabelText(/^Reason for the correction/), 'wrong day typed');
    await user.click(submit);
    expect(
      await screen.findByText(
        'icuDischargedAt: 2026-03-16T09:00:00+01:00 is before randomization (2026-03-17T10:00:00+01:00) (field: icuDischargedAt)',
      ),
    ).toBeTruthy();
    expect(posted(server)).toEqual([
      { icuDischargedAt: '2026-03-16T08:00:00.000Z', reason: 'wrong day typed' },
    ]);
    expect(screen.getByTestId('icu-discharge').textContent).toMatch(/^ICU discharge: 21 Mar 2026, 15:00/);
  });

  it('shows the recorded discharges without a form to other roles, and nothing before randomization', async () => {
    render(serverWith({ hospitalDischargedAt: '2026-03-24T10:00:00.000Z' }), false);
    expect((await screen.findByTestId('hospital-discharge')).textContent).toMatch(
      /^Hospital discharge: 24 Mar 2026, 11:00/,
    );
    expect(screen.queryByLabelText(/^ICU discharge/, { selector: 'input' })).toBeNull();
  });

  it('has no discharge section before randomization', async () => {
    render(serverWith({ status: 'consented' }, undefined, null));
    await screen.findByTestId('current-status');
    expect(screen.queryByText('Discharge')).toBeNull();
  });
});
