import { createContext, useContext } from 'react';
import type { Requester } from '../api/http.js';
import type { SessionInfo } from '../api/types.js';

/** What every screen can read about the session, and the one way to reach the server. */
export interface SessionState {
  /** undefined while the first check runs; null when nobody is signed in. */
  readonly session: SessionInfo | null | undefined;
  /** True after the server refused a request because the session expired; cleared by the next sign-in. */
  readonly expired: boolean;
  readonly request: Requester;
  readonly signIn: (username: string, password: string) => Promise<void>;
  readonly signOut: () => Promise<void>;
}

/** The session context; `SessionProvider` fills it. */
export const SessionContext = createContext<SessionState | null>(null);

/**
 * The session state, from inside `SessionProvider`.
 * @throws Error when used outside the provider (a programming error).
 */
export function useSessionState(): SessionState {
  const value = useContext(SessionContext);
  if (value === null) throw new Error('useSessionState must be used inside <SessionProvider>');
  return value;
}

/** The requester of the current session. */
export function useRequest(): Requester {
  return useSessionState().request;
}

/**
 * The signed-in session; for screens behind `RequireSession`, which renders them only when there is one.
 * @throws Error when nobody is signed in (a programming error: the screen is not behind RequireSession).
 */
export function useSession(): SessionInfo {
  const { session } = useSessionState();
  if (!session) throw new Error('useSession needs a signed-in session (wrap the screen in <RequireSession>)');
  return session;
}
