import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/api-error.js';
import { createRequester } from '../api/http.js';
import type { SessionInfo } from '../api/types.js';
import { SessionContext, type SessionState } from './session-context.js';

/** Props of {@link SessionProvider}. */
export interface SessionProviderProps {
  readonly children: ReactNode;
  /** The fetch to use (tests pass a fake). */
  readonly fetch?: typeof globalThis.fetch;
}

/**
 * Holds the session: asks the server who is signed in, signs in and out, and notices expiry (a 401 from any
 * request, or the expiry time passing), after which the sign-in page says so.
 */
export function SessionProvider({
  children,
  fetch = globalThis.fetch.bind(globalThis),
}: SessionProviderProps): ReactNode {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);
  const csrf = useRef<string | undefined>(undefined);
  const signedOut = useRef(false);

  const request = useMemo(() => {
    // The CSRF ref is read when a request is sent (from effects and event handlers), never during render.
    // eslint-disable-next-line react-hooks/refs
    return createRequester({
      fetch,
      csrfToken: () => csrf.current,
      signedOut: () => signedOut.current,
      onUnauthorized: () => {
        csrf.current = undefined;
        setSession(null);
        setExpired(true);
        queryClient.clear();
      },
    });
  }, [fetch, queryClient]);

  const accept = useCallback((info: SessionInfo | null) => {
    csrf.current = info?.csrfToken;
    setSession(info);
  }, []);

  useEffect(() => {
    let cancelled = false;
    request<SessionInfo>('GET', '/api/session').then(
      (info) => {
        if (!cancelled) accept(info);
      },
      (error: unknown) => {
        if (cancelled) return;
        accept(null);
        if (!(error instanceof ApiError && error.status === 401)) console.warn('session check failed', error);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [request, accept]);

  // Expiry without a request in flight: check again when the server said the session ends.
  const expiresAt = session?.expiresAt;
  useEffect(() => {
    if (expiresAt === undefined) return undefined;
    const delayMs = Math.max(0, Date.parse(expiresAt) - Date.now()) + 1000;
    if (delayMs > 2 ** 31 - 1) return undefined;
    const timer = setTimeout(() => {
      request<SessionInfo>('GET', '/api/session').then(accept, () => {
        accept(null);
        setExpired(true);
        queryClient.clear();
      });
    }, delayMs);
    return () => {
      clearTimeout(timer);
    };
  }, [expiresAt, request, accept, queryClient]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const info = await request<SessionInfo>('POST', '/api/session', { body: { username, password } });
      signedOut.current = false;
      queryClient.clear();
      setExpired(false);
      accept(info);
    },
    [request, accept, queryClient],
  );

  const signOut = useCallback(async () => {
    // Stop every read first (they carry abort signals), then leave the app, then end the session: nothing
    // reaches the server after the session is gone, so nothing comes back as "session expired". A screen
    // that refetches while it unmounts is stopped by the requester itself.
    signedOut.current = true;
    await queryClient.cancelQueries();
    const ended = request<undefined>('DELETE', '/api/session'); // reads the CSRF token now
    accept(null);
    setExpired(false);
    queryClient.clear();
    try {
      await ended;
    } catch (error) {
      console.warn('sign-out request failed', error);
    }
  }, [request, accept, queryClient]);

  const value = useMemo<SessionState>(
    () => ({ session, expired, request, signIn, signOut }),
    [session, expired, request, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
