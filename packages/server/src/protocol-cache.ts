import { type LoadedProtocol, parseProtocol, TrialError } from '@immunotrial/core';
import type { Kysely } from 'kysely';
import type { Database } from '@immunotrial/db';

/**
 * Parsed protocol versions, by trial and version number. A stored version never changes (amendments add a
 * version), so a process may keep what it parsed; several processes each keep their own.
 */
export class ProtocolCache {
  readonly #loaded = new Map<string, Promise<LoadedProtocol>>();

  /**
   * The parsed protocol of a trial version.
   * @throws TrialError `not_found` when the trial has no such version.
   */
  get(db: Kysely<Database>, trialId: string, versionNo: number): Promise<LoadedProtocol> {
    const key = `${trialId}\u0000${String(versionNo)}`;
    let loaded = this.#loaded.get(key);
    if (loaded === undefined) {
      loaded = (async () => {
        const row = await db
          .selectFrom('protocol_versions')
          .select(['yaml', 'file_name'])
          .where('trial_id', '=', trialId)
          .where('version_no', '=', versionNo)
          .executeTakeFirst();
        if (row === undefined) {
          throw new TrialError(
            'not_found',
            `trial "${trialId}" has no protocol version ${String(versionNo)}`,
          );
        }
        return parseProtocol(row.yaml, row.file_name);
      })();
      loaded.catch(() => this.#loaded.delete(key));
      this.#loaded.set(key, loaded);
    }
    return loaded;
  }
}
