import { type LoadedProtocol, parseProtocol, TrialError } from '@immunotrial/core';
import { writeTransaction } from '@immunotrial/db';
import { type Actor, authorize, may } from '../auth/actor.js';
import { isoAt, type ServerDeps, sha256Hex } from '../deps.js';
import { recordAudit } from './audit-write.js';

/** What loading a protocol file did. */
export interface ProtocolLoad {
  readonly trialId: string;
  readonly versionNo: number;
  /** `created`: a new trial; `amended`: a new version; `unchanged`: the stored version has this text. */
  readonly outcome: 'created' | 'amended' | 'unchanged';
}

/**
 * Stores a protocol file as an immutable, versioned snapshot: the first load creates the trial, a changed
 * text creates the next version (an amendment), the same text changes nothing. Every record made later
 * names the version in force.
 * @param actor - Who loads it (admin), or SYSTEM_ACTOR at start-up.
 * @param text - The YAML text.
 * @param fileName - For messages (`protocols/infinity.yaml`).
 * @throws ProtocolInvalidError (`protocol.invalid`); TrialError `protocol.version_reused` when a changed
 *   text keeps a `version:` already stored.
 */
export async function loadProtocol(
  deps: ServerDeps,
  actor: Actor | 'system',
  text: string,
  fileName: string,
): Promise<ProtocolLoad> {
  const loaded = parseProtocol(text, fileName);
  const { protocol } = loaded;
  const role = actor === 'system' ? null : authorize(actor, 'trial.manage', null);
  const sha = sha256Hex(text);
  return writeTransaction(deps.db, protocol.id, async (tx) => {
    const at = isoAt(deps.clock());
    const versions = await tx
      .selectFrom('protocol_versions')
      .select(['version_no', 'sha256', 'protocol_version'])
      .where('trial_id', '=', protocol.id)
      .orderBy('version_no')
      .execute();
    const latest = versions.at(-1);
    if (latest?.sha256 === sha)
      return { trialId: protocol.id, versionNo: latest.version_no, outcome: 'unchanged' as const };
    if (versions.some((v) => v.protocol_version === protocol.version)) {
      throw new TrialError(
        'protocol.version_reused',
        `${fileName}: version ${protocol.version} is already stored with other content; an amendment needs a new version`,
        'version',
      );
    }
    const versionNo = (latest?.version_no ?? 0) + 1;
    if (latest === undefined) {
      await tx
        .insertInto('trials')
        .values({
          id: protocol.id,
          acronym: protocol.acronym,
          title: protocol.title,
          current_version: versionNo,
          created_at: at,
        })
        .execute();
    } else {
      await tx
        .updateTable('trials')
        .set({ current_version: versionNo, acronym: protocol.acronym, title: protocol.title })
        .where('id', '=', protocol.id)
        .execute();
    }
    await tx
      .insertInto('protocol_versions')
      .values({
        trial_id: protocol.id,
        version_no: versionNo,
        protocol_version: protocol.version,
        file_name: fileName,
        yaml: text,
        sha256: sha,
        loaded_at: at,
        loaded_by: actor === 'system' ? null : actor.userId,
      })
      .execute();
    const who =
      actor === 'system' ? { userId: 'system', username: 'system', fullName: 'system', grants: [] } : actor;
    await recordAudit(tx, protocol.id, at, who, role, [
      {
        siteId: null,
        action: latest === undefined ? 'create' : 'amend',
        entity: 'protocol',
        entityId: `${protocol.id}@${String(versionNo)}`,
        oldValue: latest === undefined ? null : { version: latest.protocol_version },
        newValue: { version: protocol.version, sha256: sha, file: fileName },
        protocolVersion: versionNo,
      },
    ]);
    return {
      trialId: protocol.id,
      versionNo,
      outcome: latest === undefined ? ('created' as const) : ('amended' as const),
    };
  });
}

/** A trial as listed. */
export interface TrialView {
  readonly id: string;
  readonly acronym: string;
  readonly title: string;
  readonly currentVersion: number;
}

/** The trials the actor holds a role in (admins: all). */
export async function listTrials(deps: ServerDeps, actor: Actor): Promise<TrialView[]> {
  const rows = await deps.db.selectFrom('trials').selectAll().orderBy('id').execute();
  return rows
    .filter((t) => may(actor, 'trial.read', t.id))
    .map((t) => ({ id: t.id, acronym: t.acronym, title: t.title, currentVersion: t.current_version }));
}

/**
 * The current protocol version of a trial (parsed, cached).
 * @throws TrialError `not_found` for an unknown trial.
 */
export async function currentProtocol(
  deps: ServerDeps,
  trialId: string,
): Promise<{ versionNo: number; loaded: LoadedProtocol }> {
  const trial = await deps.db
    .selectFrom('trials')
    .select('current_version')
    .where('id', '=', trialId)
    .executeTakeFirst();
  if (trial === undefined) throw new TrialError('not_found', `no trial "${trialId}"`);
  return {
    versionNo: trial.current_version,
    loaded: await deps.protocols.get(deps.db, trialId, trial.current_version),
  };
}

/** The stored protocol of a trial version, for a role in the trial. @throws `not_found`, `auth.forbidden`. */
export async function protocolVersion(
  deps: ServerDeps,
  actor: Actor,
  trialId: string,
  versionNo?: number,
): Promise<{ versionNo: number; protocolVersion: string; yaml: string; loaded: LoadedProtocol }> {
  authorize(actor, 'trial.read', trialId);
  const current = versionNo ?? (await currentProtocol(deps, trialId)).versionNo;
  const row = await deps.db
    .selectFrom('protocol_versions')
    .select(['yaml', 'protocol_version'])
    .where('trial_id', '=', trialId)
    .where('version_no', '=', current)
    .executeTakeFirst();
  if (row === undefined)
    throw new TrialError('not_found', `trial "${trialId}" has no version ${String(current)}`);
  return {
    versionNo: current,
    protocolVersion: row.protocol_version,
    yaml: row.yaml,
    loaded: await deps.protocols.get(deps.db, trialId, current),
  };
}
