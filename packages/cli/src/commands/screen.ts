import type { Command } from 'commander';
import { screenPatient, ianaZone, type EligibilityResult, type Zone } from '@immunotrial/core';
import { type CliIo, UsageError } from '../io.js';
import { loadAllProtocols, loadProtocolById } from '../protocol-files.js';
import { readPatients } from '../patient-inputs.js';
import { formatScreeningTable, formatExplanation } from './screen-format.js';

interface ScreenOptions {
  readonly protocol: string;
  readonly at: string;
  readonly format: string;
  readonly tz?: string;
  readonly events?: string;
  readonly explain?: string;
}

/** Parses `--at`: ISO-8601 with an offset or Z (a time without one is ambiguous at the bedside). */
export function parseScreeningInstant(text: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    throw new UsageError(
      `--at: expected an ISO-8601 instant with its UTC offset, e.g. 2026-03-17T10:00:00+01:00; received "${text}"`,
    );
  }
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new UsageError(`--at: "${text}" is not a valid date and time`);
  return t;
}

/** JSON shape of one protocol's screening (issue 2 §6). */
export function screeningJson(protocol: string, at: string, results: readonly EligibilityResult[]): unknown {
  return {
    at,
    protocol,
    patients: results.map((r) => ({
      patientId: r.patientId,
      status: r.status,
      ...(r.stratum !== undefined ? { stratum: r.stratum } : {}),
      ...(r.dosingDeadline !== undefined ? { dosingDeadline: r.dosingDeadline } : {}),
      criteria: r.criteria.map((c) => ({
        id: c.id,
        kind: c.kind,
        result: c.result,
        reason: c.reason,
        evidence: c.evidence,
      })),
    })),
  };
}

/** `immunotrial screen --protocol <id|file|all> --at <ISO-8601> <input...>`. */
export function registerScreenCommand(program: Command, io: CliIo): void {
  program
    .command('screen')
    .description(
      'Screen every patient in the inputs (FHIR R4 bundles, NDJSON, folders, or CSV long format) against a protocol',
    )
    .requiredOption(
      '--protocol <id|file|all>',
      'protocol id (infinity, platinium, immunosep, iris7), a protocol file, or all',
    )
    .requiredOption(
      '--at <instant>',
      'screening instant, ISO-8601 with offset (e.g. 2026-03-17T10:00:00+01:00)',
    )
    .option('--format <format>', 'json or table', 'json')
    .option(
      '--tz <zone>',
      'IANA time zone for local dates and days (default: the UTC offset of ICU admission)',
    )
    .option(
      '--events <file>',
      'events CSV (encounters, procedures, medications, diagnoses) for CSV observations input',
    )
    .option('--explain <patient>', 'table form: every criterion of one patient with its reason')
    .argument('<input...>', 'FHIR JSON/NDJSON files or folders, or a CSV observations file')
    .action(async (inputs: string[], options: ScreenOptions) => {
      const at = parseScreeningInstant(options.at);
      if (options.format !== 'json' && options.format !== 'table') {
        throw new UsageError(`--format: expected json or table, received "${options.format}"`);
      }
      const zone: Zone | undefined = options.tz === undefined ? undefined : ianaZone(options.tz);
      const protocols =
        options.protocol === 'all' ? loadAllProtocols() : [loadProtocolById(options.protocol)];
      const { patients, warnings } = await readPatients(inputs, {
        at,
        tz: options.tz,
        events: options.events,
      });
      for (const w of warnings) io.err(`warning: ${w}`);
      const compiled = protocols.map((p) => p.eligibility);
      const perPatient = patients.map((tl) => screenPatient(compiled, tl, at, zone ? { zone } : {}));
      const runs = protocols.map((p, k) => ({
        id: p.protocol.id,
        results: perPatient.map((results) => {
          const r = results[k];
          if (!r) throw new Error('internal: missing screening result');
          return r;
        }),
      }));
      if (options.format === 'json') {
        const docs = runs.map((r) => screeningJson(r.id, options.at, r.results));
        io.out(JSON.stringify(options.protocol === 'all' ? docs : docs[0], null, 2));
        return;
      }
      if (options.explain !== undefined) {
        const id = options.explain;
        for (const r of runs) {
          const result = r.results.find((x) => x.patientId === id);
          if (!result)
            throw new UsageError(
              `--explain: no patient "${id}" in the inputs (patients: ${patients.map((p) => p.patientId).join(', ')})`,
            );
          io.out(formatExplanation(result));
        }
        return;
      }
      for (const r of runs) io.out(formatScreeningTable(r.id, options.at, r.results));
    });
}
