// The shapes the web app reads and sends. Until the server's OpenAPI document lists every route
// (docs/web-api-needs.md), these are written by hand to match it; each one that the document covers is
// replaced by the generated type (src/api/schema.gen.ts) so that a server change breaks the build here.

/** Roles per site (issue 4). */
export type Role =
  | 'investigator'
  | 'coordinator'
  | 'pharmacist'
  | 'monitor'
  | 'data_manager'
  | 'statistician'
  | 'unblinded_statistician'
  | 'dsmb'
  | 'admin';

/** A role given to a user, for one trial and site, or for every trial or site when null. */
export interface RoleGrant {
  readonly id?: string;
  /** A {@link Role}; typed as text as the server sends it (lib/roles.ts reads only the roles it knows). */
  readonly role: string;
  readonly trialId: string | null;
  readonly siteId: string | null;
}

/** The signed-in user, as GET/POST /api/session return it. */
export interface SessionInfo {
  readonly user: { readonly id: string; readonly username: string; readonly fullName: string };
  readonly grants: readonly RoleGrant[];
  readonly csrfToken: string;
  /** ISO-8601 UTC instant. */
  readonly expiresAt: string;
}

/** A trial, as GET /api/trials lists it. */
export interface TrialSummary {
  readonly id: string;
  readonly acronym: string;
  readonly title: string;
  readonly currentVersion: number;
}

/** A site. `timeZone` is an IANA zone: every date at that site is shown in it. */
export interface SiteInfo {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly timeZone?: string;
}

/** Three-valued criterion result (core's Kleene). */
export type Kleene = 'met' | 'not_met' | 'unknown';

/** One piece of evidence behind a criterion result (core's Evidence). */
export interface Evidence {
  readonly reference: string;
  readonly value?: number | string | boolean;
  readonly unit?: string;
  /** ISO-8601 instant. */
  readonly time?: string;
}

/** One criterion's result (core's CriterionResult). */
export interface CriterionResult {
  readonly id: string;
  readonly kind: 'inclusion' | 'exclusion';
  readonly result: Kleene;
  readonly reason: string;
  readonly evidence: readonly Evidence[];
  readonly decidedBy?: string;
  readonly text?: string;
}

/** The eligibility of one patient at one instant (core's EligibilityResult). */
export interface EligibilityResult {
  readonly patientId: string;
  readonly protocol: string;
  readonly at: string;
  readonly status: 'eligible' | 'ineligible' | 'incomplete';
  readonly stratum?: string;
  readonly dosingDeadline?: string | null;
  readonly criteria: readonly CriterionResult[];
}

/** Participant status (issue 4). */
export type ParticipantStatus =
  | 'screened'
  | 'screen_failed'
  | 'consented'
  | 'eligible'
  | 'randomized'
  | 'on_treatment'
  | 'follow_up'
  | 'completed'
  | 'withdrawn'
  | 'dead';

/** A participant row. `arm` is present only for roles allowed to see it. */
export interface ParticipantSummary {
  readonly id: string;
  readonly trialId: string;
  readonly siteId: string;
  readonly screeningNumber: string;
  readonly patientRef: string;
  /** A {@link ParticipantStatus}; typed as text so that a status added by the server still shows. */
  readonly status: string;
  /** Why the status was last set by hand (a withdrawal's reason). */
  readonly statusReason?: string | null;
  /** The date of death (`YYYY-MM-DD`), once recorded. */
  readonly deathDate?: string | null;
  readonly stratum?: string | null;
  readonly randomizationNumber?: number | null;
  readonly kitNumber?: string | null;
  readonly d1Date?: string | null;
  /** ICU discharge (ISO-8601 UTC), once recorded. */
  readonly icuDischargedAt?: string | null;
  /** Hospital discharge (ISO-8601 UTC), once recorded. */
  readonly hospitalDischargedAt?: string | null;
  /** ICU admission (ISO-8601 UTC, at or before randomization), once recorded. */
  readonly icuAdmittedAt?: string | null;
  /** Hospital admission (ISO-8601 UTC), once recorded. */
  readonly hospitalAdmittedAt?: string | null;
  readonly createdAt: string;
  /** The statuses a person may set next, as the server decides them (nothing to choose when empty). */
  readonly nextStatuses: readonly string[];
}

/** The participant page's data (GET /api/participants/:id). */
export interface ParticipantDetail {
  readonly participant: ParticipantSummary;
  readonly screening: {
    readonly id: string;
    readonly status: EligibilityResult['status'];
    readonly screenedAt: string;
    readonly criteria: readonly CriterionResult[];
  } | null;
  readonly consent: { readonly givenBy: string; readonly consentDate: string } | null;
  readonly eligibility: {
    readonly eligible: boolean;
    readonly signerName: string;
    readonly signedAt: string;
  } | null;
  readonly randomization: Randomization | null;
}

/** A randomization as the caller may see it: `arm` only for unblinded roles. */
export interface Randomization {
  readonly randomizationNumber: number | null;
  readonly kitNumber: string | null;
  readonly randomizedAt: string;
  readonly arm?: string;
}

/** One scheduled dose. */
export interface Dose {
  readonly id: string;
  readonly regimenId?: string;
  /** What is given, the same in every arm for blinded roles ("IV infusion"). */
  readonly label?: string;
  readonly route?: string;
  readonly doseNo: number;
  readonly studyDay?: number;
  /** Timing: upcoming, due, missed (nothing recorded after the window), on_time, out_of_window. */
  readonly state?: string;
  readonly scheduledAt: string;
  readonly windowStart?: string | null;
  readonly windowEnd?: string | null;
  /** planned, given, held or missed. */
  readonly status: string;
  readonly givenAt?: string | null;
  readonly reason?: string | null;
}

/** One visit with its window (dates at the site). */
export interface Visit {
  readonly visitId: string;
  readonly visit?: string;
  readonly label: string;
  readonly day: number;
  readonly date: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  /** upcoming, due, done, overdue or missed. */
  readonly status: string;
  readonly formIds?: readonly string[];
}

/** A field of a case report form. */
export interface FormField {
  readonly id: string;
  readonly label: string;
  readonly type: 'number' | 'integer' | 'text' | 'date' | 'datetime' | 'boolean' | 'choice';
  readonly unit?: string;
  readonly min?: number;
  readonly max?: number;
  readonly options?: readonly string[];
  readonly required?: boolean;
}

/** A case report form definition (core's Form): `repeat` decides its instances. */
export interface FormDefinition {
  readonly id: string;
  readonly label: string;
  /** once: instance `once`; daily: `day-N`; per_visit: a visit id (`d28`, `daily@4`); log: a short name. */
  readonly repeat?: 'once' | 'per_visit' | 'daily' | 'log';
  readonly visits?: readonly string[];
  readonly fields: readonly FormField[];
}

/** A value of a form field as stored. */
export type FieldValue = string | number | boolean | null;

/** A saved form. */
export interface FormEntry {
  readonly id: string;
  readonly formId: string;
  readonly instance: string;
  /** Values as stored (text, number, boolean or null for the field types the web app knows). */
  readonly values: Readonly<Record<string, unknown>>;
  /** Fields hidden from the caller by the blinding (their values are not sent). */
  readonly masked?: readonly string[];
  readonly revision: number;
  readonly signedBy?: string | null;
  readonly signedAt?: string | null;
  readonly updatedAt: string;
}

/** A data query on a form field. */
export interface DataQuery {
  readonly id: string;
  readonly formEntryId: string | null;
  readonly formId?: string | null;
  readonly field: string | null;
  /** open, answered or closed. */
  readonly status: string;
  readonly origin: string;
  readonly text: string;
  readonly answer: string | null;
  readonly openedAt: string;
  readonly answeredAt?: string | null;
}

/** One audit event as the caller may see it. */
export interface AuditEvent {
  readonly seq: number;
  readonly at: string;
  readonly actorName: string;
  readonly role: string | null;
  readonly siteId: string | null;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly field: string | null;
  readonly oldValue: unknown;
  readonly newValue: unknown;
  readonly reason: string | null;
  readonly protocolVersion: number | null;
  /** True when the values are withheld from the caller (a blinded event seen by a blinded role). */
  readonly masked?: boolean;
  /** The event's link in the hash chain. */
  readonly hash?: string;
}

/** A protocol deviation (out-of-window or missed dose, missed visit, ...). */
export interface Deviation {
  readonly id: string;
  readonly participantId: string;
  readonly siteId: string;
  readonly kind: string;
  readonly description: string;
  readonly origin: string;
  readonly at: string;
}
