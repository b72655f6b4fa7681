// Fixtures for the server's tests: a fresh database with the shipped protocols, two sites and one user
// per role. Not part of the public API.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OpenDatabase } from '@immunotrial/db';
import { type Actor, SYSTEM_ACTOR } from './auth/actor.js';
import type { Role } from './auth/roles.js';
import { createDeps, type ServerDeps } from './deps.js';
import { bootstrapAdmin } from './use-cases/sessions.js';
import { createSite } from './use-cases/sites.js';
import { loadProtocol } from './use-cases/trials.js';
import { createUser, grantRole, grantsOf } from './use-cases/users.js';

export const PROTOCOL_IDS = ['infinity', 'platinium', 'immunosep', 'iris7'] as const;

/** The text of a shipped protocol file. */
export function protocolText(id: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../protocols/${id}.yaml`, import.meta.url)), 'utf8');
}

export const PASSWORD = 'correct horse battery';

/** A test trial unit: deps, an admin, two sites and a user per role at site A (trial-wide roles: whole trial). */
export interface TestUnit {
  readonly deps: ServerDeps;
  readonly trialId: string;
  readonly siteA: string;
  readonly siteB: string;
  readonly admin: Actor;
  /** One actor per role, at site A for site roles. */
  readonly as: Readonly<Record<Role, Actor>>;
  /** An investigator and a coordinator of site B. */
  readonly siteBInvestigator: Actor;
  readonly siteBCoordinator: Actor;
  readonly now: { ms: number };
}

/** The actor of a user id (grants read back from the database). */
export async function actorOf(
  deps: ServerDeps,
  userId: string,
  username: string,
  fullName: string,
): Promise<Actor> {
  return { userId, username, fullName, grants: await grantsOf(deps, userId) };
}

/**
 * Loads protocols, creates sites "A01" and "B01" in `trialId`, an admin and one user per role.
 * @param trials - Protocol ids to load (the first is the trial the users work in).
 */
export async function setUpUnit(
  opened: OpenDatabase,
  trials: readonly string[] = ['infinity'],
): Promise<TestUnit> {
  const now = { ms: Date.parse('2026-03-17T09:00:00.000Z') };
  const deps = createDeps(opened.db, { clock: () => now.ms, config: { scryptCost: 1024 } });
  for (const t of trials) await loadProtocol(deps, 'system', protocolText(t), `protocols/${t}.yaml`);
  const trialId = trials[0] ?? 'infinity';
  const boot = await bootstrapAdmin(deps, { username: 'admin', fullName: 'Ada Admin', password: PASSWORD });
  if (boot === undefined) throw new Error('database not empty');
  const admin = await actorOf(deps, boot.userId, 'admin', 'Ada Admin');
  const siteA = (
    await createSite(deps, admin, {
      code: 'A01',
      name: 'Site A',
      timeZone: 'Europe/Paris',
      trialIds: [...trials],
    })
  ).id;
  const siteB = (
    await createSite(deps, admin, {
      code: 'B01',
      name: 'Site B',
      timeZone: 'Europe/Athens',
      trialIds: [...trials],
    })
  ).id;
  const roles: Role[] = [
    'investigator',
    'coordinator',
    'pharmacist',
    'monitor',
    'data_manager',
    'statistician',
    'unblinded_statistician',
    'dsmb',
  ];
  const siteRoles: Role[] = ['investigator', 'coordinator', 'pharmacist', 'monitor'];
  const make = async (role: Role, site: string | null, suffix: string): Promise<Actor> => {
    const username = `${role}${suffix}`;
    const fullName = `${role} ${suffix}`;
    const u = await createUser(deps, admin, { username, fullName, password: PASSWORD });
    await grantRole(deps, admin, u.id, { role, trialId, siteId: site });
    return actorOf(deps, u.id, username, fullName);
  };
  const as: Partial<Record<Role, Actor>> = { admin };
  for (const role of roles) as[role] = await make(role, siteRoles.includes(role) ? siteA : null, '-a');
  const full = as as Record<Role, Actor>;
  return {
    deps,
    trialId,
    siteA,
    siteB,
    admin,
    as: full,
    siteBInvestigator: await make('investigator', siteB, '-b'),
    siteBCoordinator: await make('coordinator', siteB, '-b'),
    now,
  };
}

export { SYSTEM_ACTOR };

/**
 * Screens (all criteria as the protocol wants them), consents and signs eligibility for a new participant
 * at a site, ready to randomize. Uses the site's coordinator and investigator.
 * @returns The participant id.
 */
export async function enrolReady(
  u: TestUnit,
  siteId: string,
  ref: string,
  stratum?: string,
  staff?: { coordinator: Actor; investigator: Actor },
): Promise<string> {
  const { recordScreening, manualOutcome } = await import('./use-cases/screening.js');
  const { recordConsent, confirmEligibility } = await import('./use-cases/enrolment.js');
  const atA = siteId === u.siteA;
  const coordinator = staff?.coordinator ?? (atA ? u.as.coordinator : u.siteBCoordinator);
  const investigator = staff?.investigator ?? (atA ? u.as.investigator : u.siteBInvestigator);
  const loaded = await u.deps.protocols.get(u.deps.db, u.trialId, 1);
  const e = loaded.protocol.eligibility;
  const outcome = await manualOutcome(u.deps, u.trialId, {
    patientRef: ref,
    answers: [
      ...e.inclusion.map((c) => ({ id: c.id, result: 'met' as const })),
      ...e.exclusion.map((c) => ({ id: c.id, result: 'not_met' as const })),
    ],
  });
  const { participant } = await recordScreening(u.deps, coordinator, u.trialId, {
    siteId,
    source: 'manual',
    outcome: { ...outcome, stratum: stratum ?? null },
  });
  await recordConsent(u.deps, coordinator, participant.id, { givenBy: 'patient', consentDate: '2026-03-17' });
  const answers = Object.fromEntries(
    [...e.inclusion, ...e.exclusion]
      .filter((c) => c.attestation === true)
      .map((c) => [c.id, c.id.startsWith('I')]),
  );
  await confirmEligibility(u.deps, investigator, participant.id, {
    answers,
    password: PASSWORD,
    meaning: 'I confirm eligibility',
  });
  return participant.id;
}
