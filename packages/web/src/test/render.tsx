import type { ReactElement, ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { createRequester } from '../api/http.js';
import type { SessionInfo } from '../api/types.js';
import { SessionContext, type SessionState } from '../auth/session-context.js';
import { theme } from '../theme.js';

/**
 * Renders one screen or component inside the app's providers with a signed-in session and a fake fetch.
 */
export function renderWithSession(
  ui: ReactElement,
  session: SessionInfo,
  fetch: typeof globalThis.fetch,
  path = '/',
): RenderResult {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const state: SessionState = {
    session,
    expired: false,
    request: createRequester({ fetch, csrfToken: () => session.csrfToken, onUnauthorized: () => undefined }),
    signIn: () => Promise.resolve(),
    signOut: () => Promise.resolve(),
  };
  function Providers({ children }: { children: ReactNode }): ReactNode {
    // env="test": no transitions, and popovers stay shown although jsdom lays nothing out.
    return (
      <MantineProvider theme={theme} env="test">
        <QueryClientProvider client={queryClient}>
          <SessionContext.Provider value={state}>
            <MemoryRouter initialEntries={[path]}>{children}</MemoryRouter>
          </SessionContext.Provider>
        </QueryClientProvider>
      </MantineProvider>
    );
  }
  return render(ui, { wrapper: Providers });
}
