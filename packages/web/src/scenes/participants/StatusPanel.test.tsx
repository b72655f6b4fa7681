import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ParticipantSummary, SessionInfo } from '../../api/types.js';
import { fakeServer, type FakeHandler } from '../../test/fake-server.js';
import { renderWithSession } from '../../test/render.js';
import { StatusPanel } from './StatusPanel.js';

const coordinator: SessionInfo = {
  user: { id: 'u1', username: 'cora', fullName: 'Cora Coordinator' },
  grants: [{ role: 'coordinator', trialId: 'infinity', siteId: 's1' }],
  csrfToken: 'csrf-1',
  expiresAt: '2099-01-01T00:00:00.000Z',
};

/** What the server lists as `nextStatuses` for the statuses these tests use. */
const NEXT: Readonly<Record<string, readonly string[]>> = {
  randomized: ['on_treatment', 'follow_up', 'withdrawn', 'dead'],
  on_treatment: ['follow_up', 'withdrawn', 'dead'],
  follow_up: ['completed', 'withdrawn', 'dead'],
  withdrawn: ['dead'],
};

function participant(status: string, extra: Partial<ParticipantSummary> = {}): ParticipantSummary {
  return {
    id: 'p1',
    trialId: 'infinity',
    siteId: 's1',
    screeningNumber: 'INF-001',
    patientRef: 'pat-1',
    status,
    statusReason: null,
    deathDate: null,
    createdAt: '2026-03-10T08:00:00Z',
    nextStatuses: NEXT[status] ?? [],
    ...extra,
  };
}

/** A server holding one participant: GET shows it, POST /status changes it (or answers `refusal`). */
function serverWith(status: string, refusal?: readonly [number, unknown]): ReturnType<typeof fakeServer> {
  let current = participant(status);
  const post: FakeHandler = ({ body }) => {
    if (refusal !== undefined) return refusal;
    const b = body as { status: string; reason?: string; deathDate?: string };
    current = participant(b.status, { statusReason: b.reason ?? null, deathDate: b.deathDate ?? null });
    return [200, current];
  };
  return fakeServer({
    'GET /api/participants/p1': () => [
      200,
      { participant: current, screening: null, consent: null, eligibility: null, randomization: null },
    ],
    'POST /api/participants/p1/status': post,
  });
}

// 20 Mar 2026, 23:30 UTC is already 21 Mar in Paris: "today" at the site.
const now = (): number => Date.parse('2026-03-20T23:30:00Z');

function render(server: ReturnType<typeof fakeServer>, canChange = true): void {
  renderWithSession(
    <StatusPanel participantId="p1" timeZone="Europe/Paris" canChange={canChange} now={now} />,
    coordinator,
    server.fetch,
  );
}

const posted = (server: ReturnType<typeof fakeServer>): unknown[] =>
  server.sent.filter((r) => r.method === 'POST').map((r) => r.body);

describe('StatusPanel', () => {
  it('offers only the changes the server allows, and moves a participant to follow-up', async () => {
    const server = serverWith('on_treatment');
    render(server);
    const user = userEvent.setup();
    expect((await screen.findByTestId('current-status')).textContent).toBe('on treatment');
    const choices = within(screen.getByRole('radiogroup', { name: /Change status to/ }))
      .getAllByRole('radio')
      .map((r) => r.getAttribute('value'));
    expect(choices).toEqual(['follow_up', 'withdrawn', 'dead']);
    expect(screen.queryByRole('radio', { name: 'On treatment' })).toBeNull();
    await user.click(screen.getByRole('radio', { name: 'Follow-up (treatment over)' }));
    await user.click(screen.getByRole('button', { name: 'Change status' }));
    await waitFor(() => {
      expect(screen.getByTestId('current-status').textContent).toBe('in follow-up');
    });
    expect(posted(server)).toEqual([{ status: 'follow_up' }]);
    expect(server.sent.find((r) => r.method === 'POST')?.headers.get('x-csrf-token')).toBe('csrf-1');
  });

  it('asks for the reason and what data may still be collected, confirms, then records the withdrawal', async () => {
    const server = serverWith('randomized');
    render(server);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: 'Withdrawn' }));
    const submit = screen.getByRole('button', { name: 'Record withdrawal…' });
    expect(submit.hasAttribute('disabled')).toBe(true);
    await user.type(screen.getByLabelText(/^Reason for withdrawal/), 'consent withdrawn by relative');
    expect(submit.hasAttribute('disabled')).toBe(true);
    await user.click(screen.getByRole('radio', { name: 'Other (describe)' }));
    await user.type(screen.getByLabelText(/^What may still be collected/), 'samples already taken');
    await user.click(submit);
    const dialog = await screen.findByRole('dialog', { name: 'Record the withdrawal?' });
    expect(within(dialog).getByText(/cannot be undone/)).toBeTruthy();
    expect(posted(server)).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Confirm withdrawal' }));
    await waitFor(() => {
      expect(screen.getByTestId('current-status').textContent).toBe('withdrawn');
    });
    expect(screen.getByText('Reason: consent withdrawn by relative')).toBeTruthy();
    expect(posted(server)).toEqual([
      {
        status: 'withdrawn',
        reason: 'consent withdrawn by relative',
        dataAfterWithdrawal: 'samples already taken',
      },
    ]);
    // From withdrawn, only a death can follow.
    expect(screen.getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['dead']);
  });

  it("refuses a date of death after today at the site, and records today's date after confirmation", async () => {
    const server = serverWith('follow_up');
    render(server);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: 'Died' }));
    const date = screen.getByLabelText(/^Date of death/);
    expect(date.getAttribute('max')).toBe('2026-03-21');
    expect(screen.getByText('The date at the site (Europe/Paris); not after 21 Mar 2026')).toBeTruthy();
    await user.type(date, '2026-03-22');
    expect(screen.getAllByText('The date of death cannot be in the future.').length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Record death…' }).hasAttribute('disabled')).toBe(true);
    await user.clear(date);
    await user.type(date, '2026-03-21');
    await user.click(screen.getByRole('button', { name: 'Record death…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Record the death?' });
    expect(within(dialog).getByText('Record the death on 21 Mar 2026.')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Confirm death' }));
    await waitFor(() => {
      expect(screen.getByTestId('current-status').textContent).toBe('died');
    });
    expect(screen.getByText('Date of death: 21 Mar 2026')).toBeTruthy();
    expect(screen.getByText('No further status change is possible.')).toBeTruthy();
    expect(posted(server)).toEqual([{ status: 'dead', deathDate: '2026-03-21' }]);
  });

  it("shows the server's refusal and keeps the status", async () => {
    const server = serverWith('on_treatment', [
      409,
      { error: { code: 'state.invalid', message: 'a on_treatment participant cannot become follow_up' } },
    ]);
    render(server);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: 'Follow-up (treatment over)' }));
    await user.click(screen.getByRole('button', { name: 'Change status' }));
    expect(await screen.findByText('a on_treatment participant cannot become follow_up')).toBeTruthy();
    expect(screen.getByTestId('current-status').textContent).toBe('on treatment');
  });

  it("closes the dialog and shows the server's refusal of a death in the form", async () => {
    const server = serverWith('follow_up', [
      403,
      { error: { code: 'auth.forbidden', message: 'not a role at this participant’s site' } },
    ]);
    render(server);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: 'Died' }));
    await user.type(screen.getByLabelText(/^Date of death/), '2026-03-19');
    await user.click(screen.getByRole('button', { name: 'Record death…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Record the death?' });
    await user.click(within(dialog).getByRole('button', { name: 'Confirm death' }));
    expect(await screen.findByText('not a role at this participant’s site')).toBeTruthy();
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(screen.getByTestId('current-status').textContent).toBe('in follow-up');
    expect(screen.getByLabelText(/^Date of death/)).toHaveProperty('value', '2026-03-19');
  });

  it('shows the status without a form to roles that may not change it', async () => {
    const server = serverWith('randomized');
    render(server, false);
    expect((await screen.findByTestId('current-status')).textContent).toBe('randomized');
    expect(screen.queryByRole('radiogroup')).toBeNull();
  });
});
