import { existsSync } from 'node:fs';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import { TrialError } from '@immunotrial/core';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { ServerDeps } from '../deps.js';
import { authenticate } from '../use-cases/sessions.js';
import { publicMessage, statusOf } from './error-status.js';
import { SESSION_COOKIE } from './request-context.js';
import { registerRoutes } from './routes.js';
import { addSecurityHeaders } from './security-headers.js';

/** Options of the HTTP app. */
export interface AppOptions {
  /** A pino logger (the server's), or false for none (tests). */
  readonly logger?: FastifyBaseLogger | false;
  /** A folder of static files (the web app's `dist`) served at `/`, with index.html for client routes. */
  readonly staticDir?: string | undefined;
  /** Largest request body (bytes); default 5 MiB (FHIR bundles). */
  readonly bodyLimit?: number;
}

/** The Fastify instance with zod schemas on every route. */
export type App = FastifyInstance & { withTypeProvider: () => FastifyInstance };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  path?: string,
): FastifyReply {
  return reply.status(status).send({ error: { code, message, ...(path === undefined ? {} : { path }) } });
}

function validationMessage(
  context: string | undefined,
  instancePath: string,
  message: string | undefined,
): { path: string; message: string } {
  const where = instancePath.replace(/^\//, '').replaceAll('/', '.');
  const path = [context ?? 'body', where].filter((s) => s !== '').join('.');
  return { path, message: `${path}: ${message ?? 'invalid'}` };
}

/**
 * Builds the HTTP API: security headers (helmet), cookie sessions checked against the database, CSRF
 * token on every unsafe request of a signed-in session, zod validation of every route with the OpenAPI 3.1
 * document at `/api/openapi.json`, one error shape `{"error": {"code", "message", "path"?}}`, and the web
 * app's static files when `staticDir` exists.
 */
export async function buildApp(deps: ServerDeps, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger === undefined || options.logger === false
      ? { logger: false }
      : { loggerInstance: options.logger }),
    bodyLimit: options.bodyLimit ?? 5 * 1024 * 1024,
    return503OnClosing: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  addSecurityHeaders(app);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Immunotrial API',
        version: '0.1.0',
        description: 'The trial server: enrolment, randomization, dosing, case report forms, audit.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    let expired = false;
    if (token !== undefined && token !== '') {
      try {
        const { actor, session } = await authenticate(deps, token);
        request.actor = actor;
        request.session = session;
      } catch (error) {
        if (!(error instanceof TrialError)) throw error;
        expired = error.code === 'auth.expired';
      }
    }
    const isPublic = request.routeOptions.config.public === true || request.is404;
    if (request.actor === null && !isPublic) {
      throw expired
        ? new TrialError('auth.expired', 'your session has expired: sign in again')
        : new TrialError('auth.required', 'sign in first');
    }
    if (request.session !== null && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || sent !== request.session.csrfToken) {
        throw new TrialError(
          'csrf.invalid',
          'missing or wrong x-csrf-token header: reload the page and try again',
        );
      }
    }
  });

  app.setErrorHandler((error: unknown, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const { path, message } = validationMessage(
        error.validationContext,
        first?.instancePath ?? '',
        first?.message,
      );
      return sendError(reply, 400, 'request.invalid', message, path);
    }
    if (error instanceof TrialError) {
      const status = statusOf(error.code);
      if (status >= 500) {
        request.log.error({ err: error }, 'internal error');
        return sendError(reply, 500, 'internal', 'internal error');
      }
      if (publicMessage(error.code, error.message) !== error.message)
        request.log.warn({ err: error }, 'withheld message');
      return sendError(reply, status, error.code, publicMessage(error.code, error.message), error.path);
    }
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    const statusCode =
      typeof error === 'object' && error !== null && 'statusCode' in error ? Number(error.statusCode) : 500;
    // PostgreSQL: a unique constraint hit by a concurrent request; a transaction that kept colliding.
    if (code === '23505') return sendError(reply, 409, 'conflict.duplicate', 'the record already exists');
    if (code === '40001' || code === '40P01')
      return sendError(reply, 409, 'conflict.busy', 'too many concurrent changes: try again');
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return sendError(reply, 413, 'request.too_large', 'request body too large');
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return sendError(reply, 415, 'request.media_type', 'send JSON (content-type: application/json)');
    if (statusCode >= 400 && statusCode < 500) {
      return sendError(
        reply,
        statusCode,
        'request.invalid',
        code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'body: empty JSON body' : 'body: not valid JSON',
      );
    }
    request.log.error({ err: error }, 'internal error');
    return sendError(reply, 500, 'internal', 'internal error');
  });

  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, () => app.swagger());
  app.get('/api/health', { schema: { hide: true }, config: { public: true } }, () => ({ ok: true }));
  registerRoutes(app.withTypeProvider<ZodTypeProvider>(), deps);

  const staticDir = options.staticDir;
  if (staticDir !== undefined && existsSync(staticDir)) {
    await app.register(fastifyStatic, { root: staticDir, wildcard: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (
      staticDir !== undefined &&
      existsSync(staticDir) &&
      request.method === 'GET' &&
      !request.url.startsWith('/api/')
    ) {
      return reply.sendFile('index.html');
    }
    return sendError(
      reply,
      404,
      'not_found',
      `no route ${request.method} ${request.url.split('?')[0] ?? ''}`,
    );
  });
  return app;
}
