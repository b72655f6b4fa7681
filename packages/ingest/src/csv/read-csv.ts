import { basename } from 'node:path';
import { TrialError } from '@immunotrial/core';
import type { IngestResult } from '../fhir/bundle.js';
import { FhirIngestor, type IngestOptions } from '../fhir/ingestor.js';
import { FieldIssue } from '../issues.js';
import { addEventRow, EVENT_COLUMNS, EVENT_OPTIONAL_COLUMNS } from './csv-events.js';
import { mapObservationRow, OBSERVATION_COLUMNS, OBSERVATION_OPTIONAL_COLUMNS } from './csv-observations.js';
import { readCsvRecords } from './csv-records.js';
import { CellIssue, CsvHeader, type CsvRow } from './csv-row.js';

const ID = /^[A-Za-z0-9\-.]{1,64}$/;

function cellError(
  file: string,
  line: number,
  header: CsvHeader,
  column: string,
  message: string,
  cause: unknown,
): TrialError {
  const n = header.columnNumber(column);
  const at = n > 0 ? `line ${line}, column ${n} (${column})` : `line ${line}`;
  return new TrialError('csv.invalid', `${file}: ${at}: ${message}`, at, { cause });
}

function idCell(row: CsvRow, column: string, previous = ''): string {
  const v = row.required(column, 'an id');
  // Rows of one patient come together: the pattern test is skipped when the id repeats.
  if (v === previous) return v;
  if (!ID.test(v))
    throw new CellIssue(
      column,
      `expected an id of letters, digits, '-' and '.', received ${JSON.stringify(v)}`,
    );
  return v;
}

/** Reads one CSV file row by row, calling `onRow`; malformed cells become TrialError `csv.invalid`. */
async function readRows(
  file: string,
  required: readonly string[],
  optional: readonly string[],
  onRow: (row: CsvRow, line: number) => void,
): Promise<void> {
  let header: CsvHeader | undefined;
  for await (const batch of readCsvRecords(file)) {
    for (const { fields, line } of batch) {
      if (header === undefined) {
        header = new CsvHeader(fields, required, optional, file);
        continue;
      }
      if (fields.length !== header.names.length) {
        throw new TrialError(
          'csv.invalid',
          `${file}: line ${line}: expected ${header.names.length} columns, received ${fields.length}`,
          `line ${line}`,
        );
      }
      try {
        onRow(header.row(fields), line);
      } catch (err) {
        if (err instanceof CellIssue) throw cellError(file, line, header, err.column, err.message, err);
        if (err instanceof FieldIssue)
          throw cellError(file, line, header, String(err.path[0] ?? ''), err.detail, err);
        throw err;
      }
    }
  }
  if (header === undefined) {
    throw new TrialError(
      'csv.invalid',
      `${file}: line 1: expected a header with ${required.join(',')}, received an empty file`,
      'line 1',
    );
  }
}

/**
 * Reads the CSV long format (docs/csv-format.md): an observations file `patient_id,time,variable,value,unit`
 * and optionally an events file `patient_id,kind,code,system,start,end,value,unit,extra` (encounters,
 * procedures, medications, diagnoses, allergies, attestations). Validated row by row; units are converted
 * through the registry as for FHIR, and local dates follow the same zone rules.
 * @param observationsPath - The observations CSV.
 * @param eventsPath - The events CSV, if any.
 * @param options - As for `readFhirInputs` (`tz`, `at`).
 * @throws TrialError `csv.invalid` naming the file, line and column; `input.missing`; `zone.unknown`.
 * @example await readCsvLongFormat('docs/examples/observations.csv', 'docs/examples/events.csv')
 */
export async function readCsvLongFormat(
  observationsPath: string,
  eventsPath?: string,
  options: IngestOptions = {},
): Promise<IngestResult> {
  const ingestor = new FhirIngestor(options);
  const name = basename(observationsPath);
  try {
    if (eventsPath !== undefined) {
      await readRows(eventsPath, EVENT_COLUMNS, EVENT_OPTIONAL_COLUMNS, (row, line) => {
        const g = ingestor.patientGroup(idCell(row, 'patient_id'));
        const refId = row.get('id') === '' ? `csv-${line}` : idCell(row, 'id');
        addEventRow(row, refId, g, g.context(ingestor.warnings, undefined));
      });
    }
    let lastPatient = '';
    await readRows(observationsPath, OBSERVATION_COLUMNS, OBSERVATION_OPTIONAL_COLUMNS, (row, line) => {
      lastPatient = idCell(row, 'patient_id', lastPatient);
      const g = ingestor.patientGroup(lastPatient);
      const refId = row.get('id') === '' ? `csv-${line}` : idCell(row, 'id');
      const rec = mapObservationRow(
        row,
        `Observation/${refId}`,
        `${name}: line ${line}`,
        g.context(ingestor.warnings, undefined),
      );
      if (rec) g.observations.push(rec);
    });
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') {
      throw new TrialError('input.missing', err.message, undefined, { cause: err });
    }
    throw err;
  }
  const patients = ingestor.finishAll();
  return { patients, warnings: ingestor.warnings.messages() };
}
