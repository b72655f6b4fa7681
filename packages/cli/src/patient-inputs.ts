import { readCsvLongFormat, readFhirInputs, type IngestResult } from '@immunotrial/ingest';
import { UsageError } from './io.js';

export interface PatientInputOptions {
  /** Screening instant (epoch ms): picks the ICU stay whose offset gives local dates. */
  readonly at?: number;
  readonly tz?: string | undefined;
  /** Events CSV accompanying a CSV observations file. */
  readonly events?: string | undefined;
}

/**
 * Reads patients from the command line's inputs: FHIR R4 JSON bundles, NDJSON or folders of them, or
 * one CSV observations file in long format (with `--events`). The two kinds cannot be mixed.
 */
export async function readPatients(
  inputs: readonly string[],
  options: PatientInputOptions,
): Promise<IngestResult> {
  const csv = inputs.filter((p) => p.toLowerCase().endsWith('.csv'));
  const ingestOptions = { at: options.at, tz: options.tz };
  if (csv.length > 0) {
    const [observations] = csv;
    if (csv.length !== inputs.length || csv.length > 1 || observations === undefined) {
      throw new UsageError(
        'CSV input: give one observations CSV file (and --events FILE for encounters, procedures, medications, diagnoses); it cannot be mixed with FHIR files',
      );
    }
    return readCsvLongFormat(observations, options.events, ingestOptions);
  }
  if (options.events !== undefined)
    throw new UsageError('--events goes with a CSV observations file, not with FHIR input');
  return readFhirInputs(inputs, ingestOptions);
}
