/** Where a progress bar draws: a stream that may be a terminal. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): boolean;
}

/** A progress bar: `update` after each block, `finish` when the run ends. */
export interface ProgressBar {
  readonly update: (done: number, total: number) => void;
  readonly finish: () => void;
}

const WIDTH = 30;
// Redraw at most every 100 ms, and only once a run has taken 300 ms (a short run shows no bar).
const REDRAW_MS = 100;
const SHOW_AFTER_MS = 300;

/**
 * A one-line progress bar on a terminal (`[#########.........]  45%  9000/20000 trials  3.1 s`), redrawn in
 * place; nothing at all when the stream is not a terminal (a pipe or a file), so logs stay clean.
 * @param stream - Usually process.stderr.
 * @param now - Clock in milliseconds (injected for tests).
 * @param unit - What is counted (default `trials`; the twin's pool counts eligible patients).
 */
export function createProgressBar(
  stream: ProgressStream,
  now: () => number = () => performance.now(),
  unit = 'trials',
): ProgressBar {
  if (stream.isTTY !== true) return { update: () => undefined, finish: () => undefined };
  const start = now();
  let last = -Infinity;
  let drawn = false;
  return {
    update: (done, total) => {
      const t = now();
      if (t - start < SHOW_AFTER_MS || (t - last < REDRAW_MS && done < total)) return;
      last = t;
      drawn = true;
      const fraction = total > 0 ? done / total : 1;
      const filled = Math.round(fraction * WIDTH);
      const bar = `${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}`;
      const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
      stream.write(`\r[${bar}] ${percent}  ${done}/${total} ${unit}  ${((t - start) / 1000).toFixed(1)} s`);
    },
    finish: () => {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
