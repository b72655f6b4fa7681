import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDesign } from '../design/parse-design.js';
import { simulateDesign } from '../engine/simulate-design.js';
import { simulateDesignParallel } from './pool.js';

const text = readFileSync(
  new URL('../../../../examples/designs/platinium-like.yaml', import.meta.url),
  'utf8',
);
const design = parseDesign(text, 'platinium-like.yaml');

describe('simulateDesignParallel', () => {
  it('gives the same result for the same seed on 1, 2 or 3 workers and in this thread', async () => {
    const settings = { seed: 99, mcDraws: 0 };
    const runs = await Promise.all(
      [1, 2, 3].map((workers) => simulateDesignParallel(design, settings, 1500, { workers, blockSize: 500 })),
    );
    const inThread = simulateDesign(design, settings, 1500);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
    expect(runs[0]).toEqual(inThread);
  });

  it('gives the same result on 1 and 2 threads with sampled posteriors', async () => {
    const settings = { seed: 5, mcDraws: 300 };
    const one = await simulateDesignParallel(design, settings, 600, { workers: 1, blockSize: 200 });
    const two = await simulateDesignParallel(design, settings, 600, { workers: 2, blockSize: 200 });
    expect(two).toEqual(one);
    expect(one.mcDraws).toBe(300);
  });

  it('gives another result for another seed', async () => {
    const a = await simulateDesignParallel(design, { seed: 1, mcDraws: 0 }, 1000, {
      workers: 2,
      blockSize: 500,
    });
    const b = await simulateDesignParallel(design, { seed: 2, mcDraws: 0 }, 1000, {
      workers: 2,
      blockSize: 500,
    });
    expect(a.scenarios[1]?.sampleSize.mean.value).not.toBe(b.scenarios[1]?.sampleSize.mean.value);
  });

  it('reports progress after each block up to the total', async () => {
    const seen: number[] = [];
    await simulateDesignParallel(design, { seed: 3, mcDraws: 0 }, 1000, {
      workers: 2,
      blockSize: 250,
      onProgress: (done, total) => {
        expect(total).toBe(2000);
        seen.push(done);
      },
    });
    expect(seen).toEqual([250, 500, 750, 1000, 1250, 1500, 1750, 2000]);
  });

  it('rejects a bad number of workers', async () => {
    await expect(simulateDesignParallel(design, { seed: 1, mcDraws: 0 }, 10, { workers: 0 })).rejects.toThrow(
      new RangeError('workers must be a whole number >= 1, got 0'),
    );
  });
});
