import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { EligibilityResult, SessionInfo } from '../../api/types.js';
import { fakeServer } from '../../test/fake-server.js';
import { renderWithSession } from '../../test/render.js';
import { ScreeningPage } from './ScreeningPage.js';

const session: SessionInfo = {
  user: { id: 'u1', username: 'cora', fullName: 'Cora Coordinator' },
  grants: [{ role: 'coordinator', trialId: 'immunosep', siteId: 's1' }],
  csrfToken: 'csrf-1',
  expiresAt: '2099-01-01T00:00:00.000Z',
};
const result: EligibilityResult = {
  patientId: 'ex-isep',
  protocol: 'immunosep',
  at: '2026-03-14T10:00:00Z',
  status: 'incomplete',
  stratum: 'MALS',
  dosingDeadline: '2026-03-16T16:30:00Z',
  criteria: [
    {
      id: 'I4',
      kind: 'inclusion',
      result: 'met',
      reason: 'ferritin 6240 ng/mL > 4420',
      evidence: [{ reference: 'Observation/f1', value: 6240, unit: 'ng/mL', time: '2026-03-14T06:00:00Z' }],
    },
    {
      id: 'I5',
      kind: 'inclusion',
      result: 'unknown',
      reason: 'mHLA-DR needed between ICU day 5 and 10',
      evidence: [],
      text: 'mHLA-DR measured',
    },
  ],
};

function showPage(): ReturnType<typeof fakeServer> {
  const server = fakeServer({
    'GET /api/trials/immunosep/sites': [
      200,
      [{ id: 's1', code: 'ATH', name: 'Athens', timeZone: 'Europe/Athens' }],
    ],
    'POST /api/trials/immunosep/screenings/evaluate': [200, result],
    'POST /api/trials/immunosep/screenings': [
      200,
      {
        screening: { id: 'sc1', participantId: 'p9', status: 'incomplete' },
        participant: { id: 'p9', screeningNumber: 'ATH-001' },
      },
    ],
  });
  renderWithSession(
    <Routes>
      <Route path="/trials/:trialId/screening" element={<ScreeningPage />} />
    </Routes>,
    session,
    server.fetch,
    '/trials/immunosep/screening',
  );
  return server;
}

describe('ScreeningPage', () => {
  it('screens a dropped bundle: status, stratum, evidence in the site zone, what to measure next; then saves it', async () => {
    const server = showPage();
    const user = userEvent.setup();
    await screen.findByRole('option', { name: 'ATH — Athens' });
    await user.type(screen.getByLabelText(/Screening time \(Europe\/Athens\)/), '2026-03-14T12:00');
    const bundle = new File([JSON.stringify({ resourceType: 'Bundle', entry: [] })], 'isep.json', {
      type: 'application/json',
    });
    await user.upload(screen.getByTestId('file-input'), bundle);
    expect(await screen.findByText('Incomplete')).toBeTruthy();
    expect(screen.getByText('MALS')).toBeTruthy();
    expect(screen.getByText(/at 14 Mar 2026, 08:00 EET/)).toBeTruthy();
    expect(screen.getByText('What to measure or ask next')).toBeTruthy();
    expect(screen.getAllByText(/mHLA-DR needed between ICU day 5 and 10/)).toHaveLength(2);
    const evaluate = server.sent.find((r) => r.path.endsWith('/evaluate'));
    expect(evaluate?.body).toEqual({
      siteId: 's1',
      bundle: { resourceType: 'Bundle', entry: [] },
      at: '2026-03-14T10:00:00.000Z',
    });
    await user.click(screen.getByRole('button', { name: 'Save to screening log' }));
    expect(await screen.findByText(/Screening number ATH-001/)).toBeTruthy();
  });

  it('says which file is not JSON instead of sending it', async () => {
    const server = showPage();
    const user = userEvent.setup();
    await screen.findByRole('option', { name: 'ATH — Athens' });
    await user.upload(
      screen.getByTestId('file-input'),
      new File(['{oops'], 'broken.json', { type: 'application/json' }),
    );
    expect(await screen.findByText(/broken.json is not JSON/)).toBeTruthy();
    await waitFor(() => {
      expect(server.sent.filter((r) => r.method === 'POST')).toHaveLength(0);
    });
  });
});
