import { QueryClient } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from './App.js';
import { fakeServer, testSession } from './test/fake-server.js';

const coordinator = testSession([{ role: 'coordinator', trialId: 'infinity', siteId: 's1' }]);
// The signed-in app is loaded on demand (React.lazy): its first import can outlast findBy's default second.
const LAZY = { timeout: 10_000 };
const trials = [{ id: 'infinity', acronym: 'INFINITY', title: 'Interferon gamma', currentVersion: 1 }];

function renderApp(routes: Parameters<typeof fakeServer>[0], path = '/'): ReturnType<typeof fakeServer> {
  const server = fakeServer(routes);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(<App fetch={server.fetch} queryClient={queryClient} initialPath={path} />);
  return server;
}

describe('sign in, sign out and session expiry', () => {
  it('signs in with the typed credentials and shows the trials', async () => {
    const server = renderApp({
      'GET /api/session': [401, { error: { code: 'auth.required', message: 'Sign in first' } }],
      'POST /api/session': [200, coordinator],
      'GET /api/trials': [200, trials],
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/User name/), 'nurse');
    await user.type(screen.getByLabelText(/Password/), 'secret-pass');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('link', { name: 'INFINITY' }, LAZY)).toBeTruthy();
    expect(server.sent.find((r) => r.method === 'POST')?.body).toEqual({
      username: 'nurse',
      password: 'secret-pass',
    });
  });

  it("shows the server's message when sign-in is refused", async () => {
    renderApp({
      'GET /api/session': [401, { error: { code: 'auth.required', message: 'Sign in first' } }],
      'POST /api/session': [
        429,
        { error: { code: 'auth.rate_limited', message: 'Too many attempts; wait 60 s' } },
      ],
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/User name/), 'nurse');
    await user.type(screen.getByLabelText(/Password/), 'x');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Too many attempts; wait 60 s')).toBeTruthy();
  });

  it('returns to sign-in and says the session expired when a request gets a 401', async () => {
    renderApp({
      'GET /api/session': [200, coordinator],
      'GET /api/trials': [
        401,
        { error: { code: 'auth.expired', message: 'your session has expired: sign in again' } },
      ],
    });
    expect(await screen.findByText(/Your session has ended/, {}, LAZY)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('sends the CSRF token when signing out', async () => {
    const server = renderApp({
      'GET /api/session': [200, coordinator],
      'GET /api/trials': [200, trials],
      'DELETE /api/session': [204, undefined],
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Sign out' }, LAZY));
    await waitFor(() => {
      expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
    });
    const signOut = server.sent.find((r) => r.method === 'DELETE');
    expect(signOut?.headers.get('x-csrf-token')).toBe('csrf-1');
  });
});

describe('role-dependent navigation', () => {
  it('shows a coordinator screening but not pharmacy', async () => {
    renderApp(
      {
        'GET /api/session': [200, coordinator],
        'GET /api/trials': [200, trials],
        'GET /api/trials/infinity/dashboard': [
          200,
          {
            funnel: [],
            target: 170,
            randomizedTotal: 0,
            overdueVisits: [],
            overdueDoses: [],
            openQueries: [],
          },
        ],
        'GET /api/trials/infinity/sites': [
          200,
          [{ id: 's1', code: 'PAR', name: 'Paris', timeZone: 'Europe/Paris' }],
        ],
      },
      '/trials/infinity',
    );
    expect(await screen.findByText('0 of 170 randomized (0%)', {}, LAZY)).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Sections' });
    expect(nav.textContent).toContain('Screening');
    expect(nav.textContent).not.toContain('Pharmacy');
  });
});
