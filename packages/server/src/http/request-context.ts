import { TrialError } from '@immunotrial/core';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.js';
import type { SessionView } from '../use-cases/sessions.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A route anyone may call without a session (sign-in, the OpenAPI document). */
    public?: boolean;
  }
  interface FastifyRequest {
    /** The signed-in actor (set by the session hook), null before sign-in. */
    actor: Actor | null;
    session: SessionView | null;
  }
}

/** The cookie that carries the session token. */
export const SESSION_COOKIE = 'immunotrial_session';

/** The actor of a request. @throws TrialError `auth.required` (401). */
export function actorOf(request: FastifyRequest): Actor {
  if (request.actor === null) throw new TrialError('auth.required', 'sign in first');
  return request.actor;
}
