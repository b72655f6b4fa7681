// Test support: runs the CLI in-process with captured output (used by tests only).
import type { CliIo } from './io.js';
import { main } from './main.js';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `immunotrial argv…` and returns its exit code and output. */
export async function runCli(argv: readonly string[], stdin = ''): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (text) => (out += text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => (err += text.endsWith('\n') ? text : `${text}\n`),
    readStdin: () => Promise.resolve(stdin),
  };
  const code = await main(argv, io);
  return { code, out, err };
}
