import { z } from 'zod';
import { ROLES } from '../auth/roles.js';
import type { ServerDeps } from '../deps.js';
import { createSite, listAllSites } from '../use-cases/sites.js';
import { loadProtocol } from '../use-cases/trials.js';
import { createUser, grantRole, listUsers, revokeGrant } from '../use-cases/users.js';
import { listSystemAudit } from '../use-cases/audit-view.js';
import { actorOf } from './request-context.js';
import { ERRORS, GrantSchema, IdParam, text } from './schemas.js';
import type { ZodApp } from './zod-app.js';
import { AuditPage } from './oversight-routes.js';

const SiteSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  timeZone: z.string(),
  trialIds: z.array(z.string()),
});
const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  active: z.boolean(),
  grants: z.array(GrantSchema),
});

/** Trial set-up (admin): protocols, sites, users and their role grants, the system audit trail. */
export function registerAdminRoutes(app: ZodApp, deps: ServerDeps): void {
  app.post(
    '/api/trials',
    {
      schema: {
        tags: ['admin'],
        summary: 'Load a protocol file: a new trial, or an amendment (new version) of an existing one',
        body: z.object({ yaml: text(2_000_000).min(1), fileName: text(200).min(1) }).strict(),
        response: {
          200: z.object({
            trialId: z.string(),
            versionNo: z.number(),
            outcome: z.enum(['created', 'amended', 'unchanged']),
          }),
          ...ERRORS,
        },
      },
    },
    (request) => loadProtocol(deps, actorOf(request), request.body.yaml, request.body.fileName),
  );
  app.get(
    '/api/sites',
    { schema: { tags: ['admin'], summary: 'Every site', response: { 200: z.array(SiteSchema), ...ERRORS } } },
    (request) => listAllSites(deps, actorOf(request)),
  );
  app.post(
    '/api/sites',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create a site and open it in trials',
        body: z
          .object({
            code: z.string().regex(/^[A-Za-z0-9-]{2,16}$/, 'expected 2-16 letters, digits or -'),
            name: text(200).min(1),
            timeZone: text(64).min(1),
            trialIds: z.array(IdParam).max(50),
          })
          .strict(),
        response: { 200: SiteSchema, ...ERRORS },
      },
    },
    (request) => createSite(deps, actorOf(request), request.body),
  );
  app.get(
    '/api/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Every user with grants',
        response: { 200: z.array(UserSchema), ...ERRORS },
      },
    },
    (request) => listUsers(deps, actorOf(request)),
  );
  app.post(
    '/api/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create a user',
        body: z
          .object({ username: text(64).min(1), fullName: text(200).min(1), password: text(200).min(1) })
          .strict(),
        response: { 200: UserSchema, ...ERRORS },
      },
    },
    (request) => createUser(deps, actorOf(request), request.body),
  );
  app.post(
    '/api/users/:userId/grants',
    {
      schema: {
        tags: ['admin'],
        summary: 'Grant a role (per site, per trial, or admin)',
        params: z.object({ userId: IdParam }).strict(),
        body: z
          .object({ role: z.enum(ROLES), trialId: IdParam.nullable(), siteId: IdParam.nullable() })
          .strict(),
        response: { 200: GrantSchema, ...ERRORS },
      },
    },
    (request) => grantRole(deps, actorOf(request), request.params.userId, request.body),
  );
  app.delete(
    '/api/users/:userId/grants/:grantId',
    {
      schema: {
        tags: ['admin'],
        summary: 'Withdraw a grant',
        params: z.object({ userId: IdParam, grantId: IdParam }).strict(),
        response: { 204: z.null(), ...ERRORS },
      },
    },
    async (request, reply) => {
      await revokeGrant(deps, actorOf(request), request.params.userId, request.params.grantId);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['admin'],
        summary: 'The system audit trail (users, grants, sites, sign-ins)',
        querystring: z
          .object({
            limit: z.coerce.number().int().min(1).max(1000).optional(),
            offset: z.coerce.number().int().min(0).optional(),
          })
          .strict(),
        response: { 200: AuditPage, ...ERRORS },
      },
    },
    (request) => listSystemAudit(deps, actorOf(request), request.query),
  );
}
