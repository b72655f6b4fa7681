// CPU time of other processes (the server, its workers, PostgreSQL's backends), read from /proc (Linux).
import { readdirSync, readFileSync } from 'node:fs';

const USER_HZ = 100;

/**
 * CPU seconds used so far by the processes `pick` accepts (user + system, or system only).
 * @param pick - Decides from the pid, the command name and the parent's pid.
 */
export function procCpu(
  pick: (pid: number, comm: string, ppid: number) => boolean,
  systemOnly = false,
): number {
  let total = 0;
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // the process ended while we listed
    }
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    if (!pick(pid, comm, Number(fields[1]))) continue;
    total += ((systemOnly ? 0 : Number(fields[11])) + Number(fields[12])) / USER_HZ;
  }
  return total;
}

/** CPU seconds used so far by PostgreSQL's processes. */
export function postgresCpu(): number {
  return procCpu((_, comm) => comm === 'postgres');
}
