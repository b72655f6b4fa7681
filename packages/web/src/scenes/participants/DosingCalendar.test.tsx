import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Dose, SessionInfo } from '../../api/types.js';
import { fakeServer, type FakeHandler } from '../../test/fake-server.js';
import { renderWithSession } from '../../test/render.js';
import { DosingCalendar } from './DosingCalendar.js';
import { administrationTime } from './GivenAtButton.js';

const nurse: SessionInfo = {
  user: { id: 'u1', username: 'cora', fullName: 'Cora Coordinator' },
  grants: [{ role: 'coordinator', trialId: 'infinity', siteId: 's1' }],
  csrfToken: 'csrf-1',
  expiresAt: '2099-01-01T00:00:00.000Z',
};

const planned: Dose = {
  id: 'ifn#2',
  label: 'SC injection',
  doseNo: 2,
  studyDay: 3,
  scheduledAt: '2026-03-18T07:00:00Z',
  windowStart: '2026-03-18T05:00:00Z',
  windowEnd: '2026-03-18T09:00:00Z',
  status: 'planned',
  state: 'missed',
  givenAt: null,
  reason: null,
};

// 18 Mar 2026, 11:00 UTC = 12:00 in Paris.
const now = (): number => Date.parse('2026-03-18T11:00:00Z');
const path = 'POST /api/participants/p1/doses/ifn%232';

/** A server with one dose; a POST records it with the state the server would derive (or is refused). */
function serverWith(state: string, refusal?: readonly [number, unknown]): ReturnType<typeof fakeServer> {
  let dose = planned;
  const post: FakeHandler = ({ body }) => {
    if (refusal !== undefined) return refusal;
    const b = body as { givenAt: string };
    dose = { ...planned, status: 'given', state, givenAt: b.givenAt };
    return [200, dose];
  };
  return fakeServer({ 'GET /api/participants/p1/doses': () => [200, [dose]], [path]: post });
}

function render(server: ReturnType<typeof fakeServer>): void {
  renderWithSession(
    <DosingCalendar participantId="p1" timeZone="Europe/Paris" canRecord now={now} />,
    nurse,
    server.fetch,
  );
}

const posted = (server: ReturnType<typeof fakeServer>): unknown[] =>
  server.sent.filter((r) => r.method === 'POST').map((r) => r.body);

describe('DosingCalendar', () => {
  it('records a one-click "given" at the current time', async () => {
    const server = serverWith('out_of_window');
    render(server);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Given: dose 2 of SC injection' }));
    await waitFor(() => {
      expect(posted(server)).toEqual([{ status: 'given', givenAt: '2026-03-18T11:00:00.000Z' }]);
    });
  });

  it('backdates a dose given earlier, typed in site time, and shows the state the server returns', async () => {
    const server = serverWith('on_time');
    render(server);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Given at…: dose 2 of SC injection' }));
    const field = await screen.findByLabelText(/^Given at/, { selector: 'input' });
    expect(field).toHaveProperty('value', '2026-03-18T12:00');
    expect(field.getAttribute('max')).toBe('2026-03-18T12:00');
    await user.clear(field);
    await user.type(field, '2026-03-18T09:30');
    await user.click(await screen.findByRole('button', { name: 'Record as given' }));
    const row = screen.getByTestId('dose-ifn#2');
    await waitFor(() => {
      expect(within(row).getByText('at 18 Mar 2026, 09:30 CET')).toBeTruthy();
    });
    expect(within(row).getByText('given')).toBeTruthy();
    expect(within(row).queryByText('overdue')).toBeNull();
    expect(posted(server)).toEqual([{ status: 'given', givenAt: '2026-03-18T08:30:00.000Z' }]);
  });

  it('shows "out of window" when the server finds the time outside the window', async () => {
    const server = serverWith('out_of_window');
    render(server);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Given at…: dose 2 of SC injection' }));
    const field = await screen.findByLabelText(/^Given at/, { selector: 'input' });
    await user.clear(field);
    await user.type(field, '2026-03-18T11:15');
    await user.click(await screen.findByRole('button', { name: 'Record as given' }));
    const row = screen.getByTestId('dose-ifn#2');
    expect(await within(row).findByText('out of window')).toBeTruthy();
    expect(posted(server)).toEqual([{ status: 'given', givenAt: '2026-03-18T10:15:00.000Z' }]);
  });

  it('refuses a time in the future and sends nothing', async () => {
    const server = serverWith('on_time');
    render(server);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Given at…: dose 2 of SC injection' }));
    const field = await screen.findByLabelText(/^Given at/, { selector: 'input' });
    await user.clear(field);
    await user.type(field, '2026-03-18T12:30');
    expect(screen.getByText('The time of administration cannot be in the future.')).toBeTruthy();
    expect((await screen.findByRole('button', { name: 'Record as given' })).hasAttribute('disabled')).toBe(
      true,
    );
    expect(posted(server)).toEqual([]);
  });

  it("shows the server's refusal", async () => {
    const server = serverWith('on_time', [
      409,
      { error: { code: 'state.invalid', message: 'no dose can be recorded for a withdrawn participant' } },
    ]);
    render(server);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Given at…: dose 2 of SC injection' }));
    await user.click(await screen.findByRole('button', { name: 'Record as given' }));
    expect(await screen.findByText('no dose can be recorded for a withdrawn participant')).toBeTruthy();
  });
});

describe('administrationTime', () => {
  it('converts site time to UTC across the spring DST change', () => {
    expect(administrationTime('2026-03-29T09:00', 'Europe/Paris', Date.parse('2026-03-30T00:00Z'))).toEqual({
      givenAt: '2026-03-29T07:00:00.000Z',
    });
  });

  it('accepts the current minute and refuses the next one', () => {
    const nowMs = Date.parse('2026-03-18T11:00:30Z');
    expect(administrationTime('2026-03-18T12:00', 'Europe/Paris', nowMs)).toEqual({
      givenAt: '2026-03-18T11:00:00.000Z',
    });
    expect(administrationTime('2026-03-18T12:01', 'Europe/Paris', nowMs)).toEqual({
      problem: 'The time of administration cannot be in the future.',
    });
    expect(administrationTime('', 'Europe/Paris', nowMs)).toEqual({
      problem: 'Enter the date and time of administration.',
    });
  });
});
