import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { z } from 'zod';
import { computeApache2, computeEgfrCkdEpi2009, computeEgfrCkdEpi2021, computeSofa } from '@immunotrial/core';
import { type CliIo, UsageError } from '../io.js';
import {
  Apache2InputSchema,
  type EgfrJson,
  EgfrInputSchema,
  SCORE_FIELDS,
  SofaInputSchema,
  creatinineMgPerDl,
  describeIssues,
  toApache2Input,
  toSofaInput,
} from './score-input.js';

type ScoreKind = keyof typeof SCORE_FIELDS;

/** Reads `--input` (a file, or `-` for standard input) and parses it as JSON. */
async function readJson(input: string, io: CliIo): Promise<{ source: string; json: unknown }> {
  const source = input === '-' ? '<stdin>' : input;
  let text: string;
  try {
    text = input === '-' ? await io.readStdin() : await readFile(input, 'utf8');
  } catch (error) {
    const reason =
      error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'no such file' : String(error);
    throw new UsageError(`cannot read input file ${source}: ${reason}`);
  }
  try {
    return { source, json: JSON.parse(text) };
  } catch (error) {
    throw new UsageError(
      `${source}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

function parse<T>(schema: z.ZodType<T>, kind: ScoreKind, source: string, json: unknown): T {
  const result = schema.safeParse(json);
  if (!result.success)
    throw new UsageError(describeIssues(source, SCORE_FIELDS[kind], json, result.error.issues));
  return result.data;
}

/** eGFR by both CKD-EPI equations; an equation lacking one of its inputs gives null. */
function scoreEgfr(json: EgfrJson): { egfr_2021: number | null; egfr_2009: number | null } {
  const creatinine = creatinineMgPerDl(json);
  if (creatinine === undefined || json.age_years === undefined || json.sex === undefined) {
    return { egfr_2021: null, egfr_2009: null };
  }
  const input = { creatinineMgPerDl: creatinine, ageYears: json.age_years, sex: json.sex };
  return {
    egfr_2021: computeEgfrCkdEpi2021(input),
    egfr_2009: json.black === undefined ? null : computeEgfrCkdEpi2009({ ...input, black: json.black }),
  };
}

async function runScore(kind: ScoreKind, input: string, io: CliIo): Promise<void> {
  const { source, json } = await readJson(input, io);
  let result: unknown;
  switch (kind) {
    case 'sofa':
      result = computeSofa(toSofaInput(parse(SofaInputSchema, kind, source, json)));
      break;
    case 'apache2':
      result = computeApache2(toApache2Input(parse(Apache2InputSchema, kind, source, json)));
      break;
    case 'egfr':
      result = scoreEgfr(parse(EgfrInputSchema, kind, source, json));
      break;
  }
  io.out(JSON.stringify(result, null, 2));
}

const DESCRIPTIONS: Readonly<Record<ScoreKind, string>> = {
  sofa: 'SOFA (Vincent 1996): per organ and total; unknown organs are null',
  apache2: 'APACHE II (Knaus 1985): acute physiology, age and chronic health points',
  egfr: 'eGFR by CKD-EPI 2021 and 2009, mL/min/1.73 m2, unrounded',
};

/**
 * `immunotrial score sofa|apache2|egfr --input FILE.json` (or `--input -` for standard input): prints the
 * score as JSON. Fields and output are described in docs/scores.md.
 */
export function registerScoreCommand(program: Command, io: CliIo): void {
  const score = program
    .command('score')
    .description('Compute SOFA, APACHE II or eGFR from a JSON input (fields in docs/scores.md)');
  for (const kind of ['sofa', 'apache2', 'egfr'] as const) {
    score
      .command(kind)
      .description(DESCRIPTIONS[kind])
      .requiredOption('--input <file>', 'JSON input file, or - for standard input')
      .action(async (_options: unknown, command: Command) => {
        const { input } = command.opts<{ input: string }>();
        await runScore(kind, input, io);
      });
  }
}
