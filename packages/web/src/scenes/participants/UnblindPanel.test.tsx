import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../api/types.js';
import { fakeServer } from '../../test/fake-server.js';
import { renderWithSession } from '../../test/render.js';
import { UnblindPanel } from './UnblindPanel.js';

const investigator: SessionInfo = {
  user: { id: 'u2', username: 'ivan', fullName: 'Ivan Investigator' },
  grants: [{ role: 'investigator', trialId: 'infinity', siteId: 's1' }],
  csrfToken: 'csrf-2',
  expiresAt: '2099-01-01T00:00:00.000Z',
};
const path = 'POST /api/participants/p1/unblind';

describe('UnblindPanel', () => {
  it('warns, requires a reason and the password, then shows this participant’s arm', async () => {
    const server = fakeServer({
      [path]: [
        200,
        {
          participantId: 'p1',
          arm: 'ifn',
          armLabel: 'Interferon gamma-1b',
          kitNumber: 'K-7',
          unblindedAt: '2026-03-20T02:00:00Z',
        },
      ],
    });
    renderWithSession(
      <UnblindPanel participantId="p1" timeZone="Europe/Paris" />,
      investigator,
      server.fetch,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Emergency unblinding…' }));
    expect(screen.getByText(/cannot be undone/)).toBeTruthy();
    const submit = screen.getByRole('button', { name: 'Unblind this participant' });
    expect(submit.hasAttribute('disabled')).toBe(true);
    await user.type(screen.getByLabelText(/^Reason/), 'anaphylaxis');
    await user.type(screen.getByLabelText(/Your password/), 'pw');
    await user.click(submit);
    expect((await screen.findByTestId('unblinded-arm')).textContent).toBe('Arm: Interferon gamma-1b');
    expect(screen.getByText(/Unblinded at 20 Mar 2026, 03:00 CET/)).toBeTruthy();
    expect(server.sent[0]?.body).toEqual({ reason: 'anaphylaxis', password: 'pw' });
  });

  it("shows the server's refusal and no arm", async () => {
    const server = fakeServer({
      [path]: [401, { error: { code: 'signature.invalid', message: 'wrong password' } }],
    });
    renderWithSession(
      <UnblindPanel participantId="p1" timeZone="Europe/Paris" />,
      investigator,
      server.fetch,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Emergency unblinding…' }));
    await user.type(screen.getByLabelText(/^Reason/), 'anaphylaxis');
    await user.type(screen.getByLabelText(/Your password/), 'bad');
    await user.click(screen.getByRole('button', { name: 'Unblind this participant' }));
    await waitFor(() => {
      expect(screen.getByText('wrong password')).toBeTruthy();
    });
    expect(screen.queryByTestId('unblinded-arm')).toBeNull();
  });
});
