import { readFile } from 'node:fs/promises';
import { TrialError, type PatientTimeline } from '@immunotrial/core';
import { describeLocation, type SourceLocation } from '../issues.js';
import { addBundle, type IngestResult } from '../fhir/bundle.js';
import { FhirIngestor, type IngestOptions } from '../fhir/ingestor.js';
import { findJsonError, lineColumnAt } from './json-error.js';
import { isNdjson, listInputFiles } from './list-inputs.js';
import { readLineBatches } from './read-lines.js';

/**
 * Parses JSON text, or throws TrialError `json.invalid` naming the file, line and column.
 * @param firstLine - Line number of the text's first line in its file (NDJSON).
 * @example parseJsonText('{"a": }', 'x.json') // throws 'x.json: line 1, column 7: invalid JSON: expected a value, found "}"'
 */
export function parseJsonText(text: string, file: string, firstLine = 1): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    const found = findJsonError(text) ?? { offset: 0, message: String(cause) };
    const { line, column } = lineColumnAt(text, found.offset);
    const at = `line ${line + firstLine - 1}, column ${column}`;
    throw new TrialError('json.invalid', `${file}: ${at}: invalid JSON: ${found.message}`, at, { cause });
  }
}

/** One unit of input: a Bundle or a single resource, and the patients its resources belong to. */
interface Unit {
  readonly patients: readonly string[];
  readonly loc: SourceLocation;
  readonly bundle: boolean;
}

/** Feeds one parsed JSON value (a Bundle or a single resource) to the ingestor. */
function addJson(ingestor: FhirIngestor, json: unknown, loc: SourceLocation): Unit {
  const type: unknown =
    typeof json === 'object' && json !== null ? Reflect.get(json, 'resourceType') : undefined;
  if (type === 'Bundle') return { patients: addBundle(ingestor, json, loc), loc, bundle: true };
  const pid = ingestor.addResource(json, { loc });
  return { patients: pid === undefined ? [] : [pid], loc, bundle: false };
}

/**
 * Feeds every input to the ingestor, NDJSON line by line (streamed), JSON files whole; calls `onUnit`
 * after each bundle or line and yields after each chunk so that a consumer can drain finished patients.
 */
async function* feedInputs(
  paths: readonly string[],
  ingestor: FhirIngestor,
  onUnit: (unit: Unit) => void,
): AsyncGenerator<void, void, undefined> {
  for (const file of await listInputFiles(paths)) {
    if (isNdjson(file)) {
      for await (const { lines, firstLine } of readLineBatches(file)) {
        for (let k = 0; k < lines.length; k++) {
          const line = lines[k] ?? '';
          if (line.trim() === '') continue;
          const lineNumber = firstLine + k;
          onUnit(addJson(ingestor, parseJsonText(line, file, lineNumber), { file, line: lineNumber }));
        }
        yield;
      }
    } else {
      let text = await readFile(file, 'utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      onUnit(addJson(ingestor, parseJsonText(text, file), { file }));
      yield;
    }
  }
}

/**
 * Reads FHIR R4 input into patient timelines: files (a Bundle or one resource), folders (their `*.json`
 * and `*.ndjson`), NDJSON (one resource or bundle per line, streamed). Resources are grouped by patient
 * across all inputs, so a patient may be spread over several files (bulk-data export); only the compact
 * records are kept, never the JSON.
 * @param paths - Files or folders.
 * @param options.tz - IANA zone for local dates; options.at - screening instant (picks the ICU stay whose offset is used).
 * @throws TrialError `json.invalid` (file, line, column), `fhir.invalid` (file, entry or line, resource, field),
 *   `input.missing`, `zone.unknown`.
 * @example await readFhirInputs(['examples/fhir']) // => { patients: [3 timelines], warnings: [] }
 */
export async function readFhirInputs(
  paths: readonly string[],
  options: IngestOptions = {},
): Promise<IngestResult> {
  const ingestor = new FhirIngestor(options);
  for await (const _ of feedInputs(paths, ingestor, () => undefined)) {
    // records accumulate in the ingestor
  }
  const patients = ingestor.finishAll();
  return { patients, warnings: ingestor.warnings.messages() };
}

/** A stream of patient timelines and the warnings gathered so far (complete once the stream ends). */
export interface FhirPatientStream {
  readonly patients: AsyncGenerator<PatientTimeline, void, undefined>;
  warnings(): string[];
}

/**
 * Streams patients out of FHIR input with memory bounded by one patient group: a patient is complete at
 * the end of its bundle, or when a line of another patient follows its resource lines. Locations are kept
 * for the whole input (they are few).
 * @throws TrialError `fhir.order` (from the iterator) when a completed patient's resources appear again;
 *   and the errors of `readFhirInputs`.
 * @example for await (const p of streamFhirInputs(['bench/out/patients.ndjson']).patients) count++;
 */
export function streamFhirInputs(paths: readonly string[], options: IngestOptions = {}): FhirPatientStream {
  const ingestor = new FhirIngestor(options);
  async function* run(): AsyncGenerator<PatientTimeline, void, undefined> {
    let ready: PatientTimeline[] = [];
    const done = new Set<string>();
    let current: string | undefined;
    const finish = (pid: string): void => {
      const t = ingestor.finishPatient(pid);
      if (t) ready.push(t);
      done.add(pid);
    };
    const onUnit = ({ patients, loc, bundle }: Unit): void => {
      const again = patients.find((pid) => done.has(pid));
      if (again !== undefined) {
        throw new TrialError(
          'fhir.order',
          `${describeLocation(loc)}: Patient/${again} was already complete: when streaming, each patient's resources must be contiguous (one bundle, or consecutive lines); readFhirInputs gathers them`,
        );
      }
      const pid = patients[0];
      if (!bundle && pid !== undefined && patients.length === 1) {
        if (current !== undefined && pid !== current) finish(current);
        current = pid;
        return;
      }
      if (bundle) {
        if (current !== undefined) finish(current);
        current = undefined;
        for (const p of patients) finish(p);
      }
    };
    for await (const _ of feedInputs(paths, ingestor, onUnit)) {
      const batch = ready;
      ready = [];
      yield* batch;
    }
    if (current !== undefined) finish(current);
    for (const pid of ingestor.openPatients()) finish(pid);
    yield* ready;
  }
  return { patients: run(), warnings: () => ingestor.warnings.messages() };
}
