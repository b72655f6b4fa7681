import { lazy, Suspense, type ReactNode } from 'react';
import { Center, Loader, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, MemoryRouter } from 'react-router';
import { SessionProvider } from './auth/SessionProvider.js';
import { SignInPage } from './auth/SignInPage.js';
import { useSessionState } from './auth/session-context.js';
import { theme } from './theme.js';

/** Props of {@link App}. */
export interface AppProps {
  /** The fetch to reach the server with (tests pass a fake server). */
  readonly fetch?: typeof globalThis.fetch;
  /** A query client (tests pass one without retries). */
  readonly queryClient?: QueryClient;
  /** Start at this path in an in-memory router instead of the browser's address bar (tests). */
  readonly initialPath?: string;
}

/** Makes the query client the app uses: one retry for reads, none for writes, data fresh for 10 s. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: 1, staleTime: 10_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}

// The signed-in app (layout and every route) is a separate chunk: the sign-in page downloads only itself.
const AppRoutes = lazy(async () => ({ default: (await import('./AppRoutes.js')).AppRoutes }));

function FullPageLoader({ label }: { label: string }): ReactNode {
  return (
    <Center mih="100vh">
      <Loader aria-label={label} />
    </Center>
  );
}

function Gate(): ReactNode {
  const { session } = useSessionState();
  if (session === undefined) return <FullPageLoader label="Checking your session" />;
  if (session === null) return <SignInPage />;
  return (
    <Suspense fallback={<FullPageLoader label="Loading the app" />}>
      <AppRoutes />
    </Suspense>
  );
}

/** The whole web app: theme, notifications, server state, routing and the session gate. */
export function App({ fetch, queryClient = createQueryClient(), initialPath }: AppProps): ReactNode {
  const Router = initialPath === undefined ? BrowserRouter : MemoryRouter;
  return (
    <MantineProvider theme={theme}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <SessionProvider {...(fetch === undefined ? {} : { fetch })}>
          <Router {...(initialPath === undefined ? {} : { initialEntries: [initialPath] })}>
            <Gate />
          </Router>
        </SessionProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
