import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Deviation } from '../../api/types.js';
import type { SessionInfo } from '../../api/types.js';
import { fakeServer, type FakeHandler } from '../../test/fake-server.js';
import { renderWithSession } from '../../test/render.js';
import { DeviationsPanel } from './DeviationsPanel.js';

const investigator: SessionInfo = {
  user: { id: 'u2', username: 'ivan', fullName: 'Ivan Investigator' },
  grants: [{ role: 'investigator', trialId: 'infinity', siteId: 's1' }],
  csrfToken: 'csrf-2',
  expiresAt: '2099-01-01T00:00:00.000Z',
};

const automatic: Deviation = {
  id: 'd1',
  participantId: 'p1',
  siteId: 's1',
  kind: 'dose_out_of_window',
  description: 'dose ifn#2 given 3 h after the window',
  origin: 'auto',
  at: '2026-03-18T08:15:00Z',
};

/** A server holding the deviations list; POST adds a manual one recorded at a fixed time (or refuses). */
function serverWith(refusal?: readonly [number, unknown]): ReturnType<typeof fakeServer> {
  const rows: Deviation[] = [automatic];
  const post: FakeHandler = ({ body }) => {
    if (refusal !== undefined) return refusal;
    const b = body as { kind: string; description: string };
    const row: Deviation = {
      id: 'd2',
      participantId: 'p1',
      siteId: 's1',
      ...b,
      origin: 'manual',
      at: '2026-03-19T15:40:00Z',
    };
    rows.push(row);
    return [200, row];
  };
  return fakeServer({
    'GET /api/participants/p1/deviations': () => [200, rows],
    'POST /api/participants/p1/deviations': post,
  });
}

describe('DeviationsPanel', () => {
  it('lists deviations with their kind, origin and time at the site', async () => {
    const server = serverWith();
    renderWithSession(
      <DeviationsPanel participantId="p1" timeZone="Europe/Paris" canRecord={false} />,
      investigator,
      server.fetch,
    );
    const row = await screen.findByTestId('deviation-d1');
    expect(within(row).getByText('18 Mar 2026, 09:15 CET')).toBeTruthy();
    expect(within(row).getByText('Dose given out of window')).toBeTruthy();
    expect(within(row).getByText('dose ifn#2 given 3 h after the window')).toBeTruthy();
    expect(within(row).getByText('automatic')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Record deviation' })).toBeNull();
  });

  it('records a deviation by hand and shows it in the refreshed list', async () => {
    const server = serverWith();
    renderWithSession(
      <DeviationsPanel participantId="p1" timeZone="Europe/Paris" canRecord />,
      investigator,
      server.fetch,
    );
    const user = userEvent.setup();
    await screen.findByTestId('deviation-d1');
    const submit = screen.getByRole('button', { name: 'Record deviation' });
    expect(submit.hasAttribute('disabled')).toBe(true);
    await user.selectOptions(screen.getByLabelText(/^Kind/), 'procedure_not_done');
    await user.type(screen.getByLabelText(/^What happened/), '  day 3 HLA-DR sample not drawn ');
    await user.click(submit);
    const row = await screen.findByTestId('deviation-d2');
    expect(within(row).getByText('Procedure or sample not done')).toBeTruthy();
    expect(within(row).getByText('recorded by hand')).toBeTruthy();
    expect(within(row).getByText('19 Mar 2026, 16:40 CET')).toBeTruthy();
    expect(server.sent.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([
      { kind: 'procedure_not_done', description: 'day 3 HLA-DR sample not drawn' },
    ]);
    // The list was read again after the save, and the form is cleared for the next one.
    expect(server.sent.filter((r) => r.method === 'GET')).toHaveLength(2);
    await waitFor(() => {
      expect(screen.getByLabelText(/^What happened/)).toHaveProperty('value', '');
    });
  });

  it("shows the server's refusal and keeps what was typed", async () => {
    const server = serverWith([
      403,
      { error: { code: 'auth.forbidden', message: 'not a role of this participant’s site' } },
    ]);
    renderWithSession(
      <DeviationsPanel participantId="p1" timeZone="Europe/Paris" canRecord />,
      investigator,
      server.fetch,
    );
    const user = userEvent.setup();
    await screen.findByTestId('deviation-d1');
    await user.selectOptions(screen.getByLabelText(/^Kind/), 'other');
    await user.type(screen.getByLabelText(/^What happened/), 'wrong kit opened');
    await user.click(screen.getByRole('button', { name: 'Record deviation' }));
    expect(await screen.findByText('not a role of this participant’s site')).toBeTruthy();
    expect(screen.getByLabelText(/^What happened/)).toHaveProperty('value', 'wrong kit opened');
  });
});
