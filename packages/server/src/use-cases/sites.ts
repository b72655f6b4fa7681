import { TrialError } from '@immunotrial/core';
import { SYSTEM_CHAIN, writeTransaction } from '@immunotrial/db';
import { type Actor, authorize, sitesFor } from '../auth/actor.js';
import { isoAt, type ServerDeps } from '../deps.js';
import { recordAudit } from './audit-write.js';

/** A site as shown. */
export interface SiteView {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly timeZone: string;
  readonly trialIds: string[];
}

/** True for an IANA time zone name the runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates a site and opens it in trials.
 * @throws TrialError `request.invalid` for an unknown time zone or trial, `conflict.duplicate` for a used code.
 */
export async function createSite(
  deps: ServerDeps,
  actor: Actor,
  input: { code: string; name: string; timeZone: string; trialIds: readonly string[] },
): Promise<SiteView> {
  const role = authorize(actor, 'site.manage', null);
  if (!isTimeZone(input.timeZone)) {
    throw new TrialError(
      'request.invalid',
      `timeZone: "${input.timeZone}" is not an IANA time zone`,
      'timeZone',
    );
  }
  const id = deps.newId();
  await writeTransaction(deps.db, SYSTEM_CHAIN, async (tx) => {
    const at = isoAt(deps.clock());
    const taken = await tx.selectFrom('sites').select('id').where('code', '=', input.code).executeTakeFirst();
    if (taken !== undefined)
      throw new TrialError('conflict.duplicate', `a site with code "${input.code}" exists`, 'code');
    for (const t of input.trialIds) {
      const trial = await tx.selectFrom('trials').select('id').where('id', '=', t).executeTakeFirst();
      if (trial === undefined)
        throw new TrialError('request.invalid', `trialIds: no trial "${t}"`, 'trialIds');
    }
    await tx
      .insertInto('sites')
      .values({ id, code: input.code, name: input.name, time_zone: input.timeZone, created_at: at })
      .execute();
    await recordAudit(tx, SYSTEM_CHAIN, at, actor, role, [
      {
        siteId: id,
        action: 'create',
        entity: 'site',
        entityId: id,
        newValue: { code: input.code, name: input.name, timeZone: input.timeZone },
      },
    ]);
  });
  for (const t of input.trialIds) await addSiteToTrial(deps, actor, t, id);
  return { id, code: input.code, name: input.name, timeZone: input.timeZone, trialIds: [...input.trialIds] };
}

/** Opens a site in a trial (recorded in the trial's chain). @throws `not_found`. */
export async function addSiteToTrial(
  deps: ServerDeps,
  actor: Actor,
  trialId: string,
  siteId: string,
): Promise<void> {
  const role = authorize(actor, 'site.manage', null);
  await writeTransaction(deps.db, trialId, async (tx) => {
    const at = isoAt(deps.clock());
    const trial = await tx
      .selectFrom('trials')
      .select('current_version')
      .where('id', '=', trialId)
      .executeTakeFirst();
    if (trial === undefined) throw new TrialError('not_found', `no trial "${trialId}"`);
    const site = await tx.selectFrom('sites').select('id').where('id', '=', siteId).executeTakeFirst();
    if (site === undefined) throw new TrialError('not_found', `no site "${siteId}"`);
    const existing = await tx
      .selectFrom('trial_sites')
      .select('site_id')
      .where('trial_id', '=', trialId)
      .where('site_id', '=', siteId)
      .executeTakeFirst();
    if (existing !== undefined) return;
    await tx.insertInto('trial_sites').values({ trial_id: trialId, site_id: siteId, added_at: at }).execute();
    await recordAudit(tx, trialId, at, actor, role, [
      {
        siteId,
        action: 'open_site',
        entity: 'trial_site',
        entityId: siteId,
        newValue: { trialId, siteId },
        protocolVersion: trial.current_version,
      },
    ]);
  });
}

/** Every site (admin). */
export async function listAllSites(deps: ServerDeps, actor: Actor): Promise<SiteView[]> {
  authorize(actor, 'site.manage', null);
  const sites = await deps.db.selectFrom('sites').selectAll().orderBy('code').execute();
  const links = await deps.db.selectFrom('trial_sites').selectAll().execute();
  return sites.map((s) => ({
    id: s.id,
    code: s.code,
    name: s.name,
    timeZone: s.time_zone,
    trialIds: links.filter((l) => l.site_id === s.id).map((l) => l.trial_id),
  }));
}

/** The sites of a trial the actor may see: a site role sees its own sites, a trial-wide role all. */
export async function listTrialSites(deps: ServerDeps, actor: Actor, trialId: string): Promise<SiteView[]> {
  authorize(actor, 'trial.read', trialId);
  const scope = sitesFor(actor, 'trial.read', trialId);
  const rows = await deps.db
    .selectFrom('sites')
    .innerJoin('trial_sites', 'trial_sites.site_id', 'sites.id')
    .selectAll('sites')
    .where('trial_sites.trial_id', '=', trialId)
    .orderBy('sites.code')
    .execute();
  return rows
    .filter((s) => scope === 'all' || scope.includes(s.id))
    .map((s) => ({ id: s.id, code: s.code, name: s.name, timeZone: s.time_zone, trialIds: [trialId] }));
}
