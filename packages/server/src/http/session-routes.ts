import { z } from 'zod';
import type { ServerDeps } from '../deps.js';
import { changePassword, login, logout } from '../use-cases/sessions.js';
import { actorOf, SESSION_COOKIE } from './request-context.js';
import { ErrorBody, SessionSchema, text } from './schemas.js';
import type { ZodApp } from './zod-app.js';

/** `/api/session`: sign in, who am I, sign out. */
export function registerSessionRoutes(app: ZodApp, deps: ServerDeps): void {
  app.get(
    '/api/session',
    {
      schema: {
        tags: ['session'],
        summary: 'The current session',
        response: { 200: SessionSchema, 401: ErrorBody },
      },
    },
    (request) => {
      actorOf(request);
      if (request.session === null) throw new Error('internal: actor without session');
      return request.session;
    },
  );
  app.post(
    '/api/session',
    {
      config: { public: true },
      schema: {
        tags: ['session'],
        summary: 'Sign in (sets the session cookie)',
        body: z.object({ username: text(64).min(1), password: text(200).min(1) }).strict(),
        response: { 200: SessionSchema, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const { token, session } = await login(deps, { ...request.body, client: request.ip });
      void reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.config.secureCookies,
        path: '/',
        maxAge: Math.floor(deps.config.sessionMaxMs / 1000),
      });
      return session;
    },
  );
  app.delete(
    '/api/session',
    { schema: { tags: ['session'], summary: 'Sign out', response: { 204: z.null(), 401: ErrorBody } } },
    async (request, reply) => {
      actorOf(request);
      const token = request.cookies[SESSION_COOKIE];
      if (token !== undefined) await logout(deps, token);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/session/password',
    {
      schema: {
        tags: ['session'],
        summary: 'Change your password (the current one is required; your other sessions end)',
        body: z.object({ currentPassword: text(200).min(1), newPassword: text(200).min(1) }).strict(),
        response: { 204: z.null(), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      await changePassword(deps, actorOf(request), {
        ...request.body,
        keepSession: request.cookies[SESSION_COOKIE] ?? '',
      });
      return reply.status(204).send(null);
    },
  );
}
