import { TrialError, type PatientTimeline } from '@immunotrial/core';
import { describeLocation, FieldIssue, formatPath, type SourceLocation } from '../issues.js';
import { compileSchema, expectedReceived } from './compile-schema.js';
import { FhirIngestor, type IngestOptions } from './ingestor.js';
import { BundleEntrySchema, BundleSchema } from './schemas.js';

/** What ingestion returns: one timeline per patient, and the warnings (skips summarised). */
export interface IngestResult {
  readonly patients: PatientTimeline[];
  readonly warnings: string[];
}

const bundleValidator = compileSchema(BundleSchema);
const entryValidator = compileSchema(BundleEntrySchema);
const REQUEST_URL = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/;

function bundleError(loc: SourceLocation, where: string, issue: FieldIssue): TrialError {
  const field = formatPath(issue.path);
  const path = where === '' ? field : field === '' ? where : `${where}.${field}`;
  const location = describeLocation({ file: loc.file, line: loc.line });
  return new TrialError(
    'fhir.invalid',
    `${location}: ${path === '' ? '' : `${path}: `}${issue.detail}`,
    path,
    {
      cause: issue,
    },
  );
}

function readEntry(entry: unknown, i: number, transaction: boolean, loc: SourceLocation) {
  try {
    if (!entryValidator.check(entry)) throw new FieldIssue([], 'invalid entry');
    let requestRef: string | undefined;
    if (transaction) {
      const req = entry.request;
      if (req === undefined)
        throw new FieldIssue(
          ['request'],
          'expected an object, received nothing (a transaction entry needs request PUT Type/id)',
        );
      if (req.method !== 'PUT')
        throw new FieldIssue(['request', 'method'], expectedReceived(['PUT'], req.method));
      const m = REQUEST_URL.exec(req.url);
      if (!m)
        throw new FieldIssue(['request', 'url'], `expected Type/id, received ${JSON.stringify(req.url)}`);
      requestRef = req.url;
    }
    return { entry, requestRef };
  } catch (err) {
    if (err instanceof FieldIssue) throw bundleError(loc, `entry[${i}]`, err);
    throw err;
  }
}

/**
 * Feeds one Bundle (`collection`, or `transaction` of `PUT Type/id` entries) to an ingestor.
 * @param loc - The file (and NDJSON line) the bundle came from, for messages.
 * @returns the ids of the patients the bundle's resources belong to, in order of appearance.
 * @throws TrialError `fhir.invalid` naming the file, entry, resource and field.
 */
export function addBundle(ingestor: FhirIngestor, json: unknown, loc: SourceLocation): string[] {
  let bundle;
  try {
    if (!bundleValidator.check(json)) return [];
    bundle = json;
  } catch (err) {
    if (err instanceof FieldIssue) throw bundleError(loc, '', err);
    throw err;
  }
  const transaction = bundle.type === 'transaction';
  const entries = (bundle.entry ?? []).map((e, i) => readEntry(e, i, transaction, loc));
  const fullUrls = new Map<string, string>();
  const patients: string[] = [];
  for (const { entry, requestRef } of entries) {
    const id: unknown = Reflect.get(entry.resource, 'id');
    const ref = requestRef ?? (typeof id === 'string' ? `${entry.resource.resourceType}/${id}` : undefined);
    if (ref === undefined) continue;
    if (entry.fullUrl !== undefined) fullUrls.set(entry.fullUrl, ref);
    if (ref.startsWith('Patient/')) patients.push(ref.slice('Patient/'.length));
  }
  const bundlePatient = new Set(patients).size === 1 ? patients[0] : undefined;
  const touched = new Set<string>();
  entries.forEach(({ entry, requestRef }, i) => {
    const pid = ingestor.addResource(entry.resource, {
      loc: { file: loc.file, line: loc.line, entry: i },
      fullUrls,
      requestRef,
      bundlePatient,
    });
    if (pid !== undefined) touched.add(pid);
  });
  return [...touched];
}

/**
 * Maps one FHIR Bundle (parsed JSON) to patient timelines, pure.
 * @param bundleJson - A parsed Bundle of type `collection` or `transaction`.
 * @param options.source - Name of the input in messages (default `bundle`); options.tz, options.at as for `readFhirInputs`.
 * @throws TrialError `fhir.invalid` for a malformed bundle or resource, `zone.unknown` for a bad `tz`.
 * @example fhirBundleToTimelines(JSON.parse(text), { source: 'infinity-eligible.json' }).patients[0].patientId // => 'ex-inf'
 */
export function fhirBundleToTimelines(
  bundleJson: unknown,
  options: IngestOptions & { readonly source?: string } = {},
): IngestResult {
  const ingestor = new FhirIngestor(options);
  addBundle(ingestor, bundleJson, { file: options.source ?? 'bundle' });
  const patients = ingestor.finishAll();
  return { patients, warnings: ingestor.warnings.messages() };
}
