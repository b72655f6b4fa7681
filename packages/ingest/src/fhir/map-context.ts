import type { Instant, RecordMeta } from '@immunotrial/core';
import { FieldIssue, type PathSegment } from '../issues.js';
import { DATE_TIME_EXPECTED, parseFhirDateTime, type FhirTime } from './datetime.js';
import type { CodeableConcept, Meta } from './schemas.js';

/** A record under construction: mappers fill it, and bare-date fixups may set its times again. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Kinds of skipped input counted in the warning summary. */
export type SkipCategory =
  | 'Observations with codes no criterion reads'
  | 'Procedures with codes no criterion reads'
  | 'medications with codes no criterion reads'
  | 'Conditions without an ICD-10 code'
  | 'AllergyIntolerances with substances no criterion reads'
  | 'QuestionnaireResponses of questionnaires no protocol reads'
  | 'resources of types no criterion reads';

/** What a mapper may do besides returning records; pure mappers receive it from the ingestor. */
export interface MapContext {
  /**
   * Reads a FHIR time field and gives its instant to `set`. A bare date means local midnight (a medication
   * `effectivePeriod.end` with `endOfDay`: the next local midnight); its instant is set again once the
   * patient's zone is known.
   * @throws FieldIssue at `path` when the text is not a FHIR dateTime.
   */
  time(text: string, path: readonly PathSegment[], set: (t: Instant) => void, endOfDay?: boolean): FhirTime;
  /** Normalizes a reference to `Type/id` (relative, absolute or a bundle fullUrl); undefined if none. */
  reference(text: string | undefined): string | undefined;
  /** Adds one warning line. */
  warn(message: string): void;
  /** Counts a skipped item under `category`, keyed by e.g. `LOINC 1234-5`. */
  skip(category: SkipCategory, key: string): void;
}

/** Parses a FHIR time without a context (for zone choice and tests). @throws FieldIssue */
export function parseTimeField(text: string, path: readonly PathSegment[]): FhirTime {
  const t = parseFhirDateTime(text);
  if (t === undefined)
    throw new FieldIssue([...path], `${DATE_TIME_EXPECTED}, received ${JSON.stringify(text)}`);
  return t;
}

/** Codes of a CodeableConcept in one system. */
export function codesIn(cc: CodeableConcept | undefined, system: string): string[] {
  const out: string[] = [];
  for (const c of cc?.coding ?? []) if (c.system === system && c.code !== undefined) out.push(c.code);
  return out;
}

/** The first code of a CodeableConcept in one system. */
export function firstCodeIn(cc: CodeableConcept | undefined, system: string): string | undefined {
  for (const c of cc?.coding ?? []) if (c.system === system && c.code !== undefined) return c.code;
  return undefined;
}

/** True when a CodeableConcept has `code` in `system`. */
export function hasCode(cc: CodeableConcept | undefined, system: string, code: string): boolean {
  for (const c of cc?.coding ?? []) if (c.system === system && c.code === code) return true;
  return false;
}

const SYSTEM_LABELS: Readonly<Record<string, string>> = {
  'http://loinc.org': 'LOINC',
  'http://snomed.info/sct': 'SNOMED',
  'http://www.whocc.no/atc': 'ATC',
  'http://www.nlm.nih.gov/research/umls/rxnorm': 'RxNorm',
  'https://immunotrial.dev/fhir/CodeSystem/variable': 'local',
  'https://immunotrial.dev/fhir/CodeSystem/substance': 'local substance',
};

/**
 * A short label of a CodeableConcept's first coding, for warning summaries.
 * @example codeLabel({ coding: [{ system: 'http://loinc.org', code: '1234-5' }] }) // => 'LOINC 1234-5'
 */
export function codeLabel(cc: CodeableConcept | undefined): string {
  const c = cc?.coding?.[0];
  if (c === undefined) return '(no coding)';
  const system = c.system === undefined ? '(no system)' : (SYSTEM_LABELS[c.system] ?? c.system);
  return `${system} ${c.code ?? '(no code)'}`;
}

/**
 * The version fields every record carries (FHIR-PROFILE.md §1). `lastUpdated` is left undefined: call
 * `bindLastUpdated` on the finished record, so that a bare-date fixup sets the record itself.
 * @param ref - `Type/id`.
 * @param counted - Whether this version may be used (status rules of its type).
 * @throws FieldIssue when `meta.versionId` is not an integer.
 */
export function recordMeta(
  meta: Meta | undefined,
  ref: string,
  status: string | undefined,
  counted: boolean,
): Mutable<RecordMeta> {
  return { ref, versionId: versionIdOf(meta), lastUpdated: undefined, status, counted };
}

/**
 * `meta.versionId` as an integer (absent = 1).
 * @throws FieldIssue when it is not an integer.
 */
export function versionIdOf(meta: Meta | undefined): number {
  if (meta?.versionId === undefined) return 1;
  if (!/^\d{1,15}$/.test(meta.versionId)) {
    throw new FieldIssue(
      ['meta', 'versionId'],
      `expected an integer version (FHIR-PROFILE.md §1), received ${JSON.stringify(meta.versionId)}`,
    );
  }
  return Number(meta.versionId);
}

/** Reads `meta.lastUpdated` into a finished record. @throws FieldIssue when it is not a dateTime. */
export function bindLastUpdated(record: Mutable<RecordMeta>, meta: Meta | undefined, ctx: MapContext): void {
  if (meta?.lastUpdated === undefined) return;
  ctx.time(meta.lastUpdated, ['meta', 'lastUpdated'], (t) => {
    record.lastUpdated = t;
  });
}
