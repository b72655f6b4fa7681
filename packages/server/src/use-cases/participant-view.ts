import type { Participant } from '@immunotrial/db';
import { type ManualStatus, nextStatusesOf } from './status-transitions.js';

/** A participant as the API shows it: never an arm, unless `arm` is added for an unblinded role. */
export interface ParticipantView {
  readonly id: string;
  readonly trialId: string;
  readonly siteId: string;
  readonly screeningNumber: string;
  readonly patientRef: string;
  readonly status: string;
  readonly statusReason: string | null;
  readonly stratum: string | null;
  readonly protocolVersion: number;
  readonly randomizationNumber: number | null;
  readonly kitNumber: string | null;
  readonly d1Date: string | null;
  readonly deathDate: string | null;
  /** ISO-8601 UTC, null until recorded. */
  readonly icuDischargedAt: string | null;
  /** ISO-8601 UTC, null until recorded. */
  readonly hospitalDischargedAt: string | null;
  /** ISO-8601 UTC, null until recorded. */
  readonly icuAdmittedAt: string | null;
  /** ISO-8601 UTC, null until recorded. */
  readonly hospitalAdmittedAt: string | null;
  readonly createdAt: string;
  /** The statuses a person may set next (what `changeStatus` accepts from this one). */
  readonly nextStatuses: ManualStatus[];
  readonly arm?: string;
}

/** The presenter of a participant row; `arm` only when given (an unblinded role asked). */
export function participantView(p: Participant, arm?: string): ParticipantView {
  return {
    id: p.id,
    trialId: p.trial_id,
    siteId: p.site_id,
    screeningNumber: p.screening_number,
    patientRef: p.patient_ref,
    status: p.status,
    statusReason: p.status_reason,
    stratum: p.stratum,
    protocolVersion: p.protocol_version,
    randomizationNumber: p.randomization_number,
    kitNumber: p.kit_number,
    d1Date: p.d1_date,
    deathDate: p.death_date,
    icuDischargedAt: p.icu_discharged_at,
    hospitalDischargedAt: p.hospital_discharged_at,
    icuAdmittedAt: p.icu_admitted_at,
    hospitalAdmittedAt: p.hospital_admitted_at,
    createdAt: p.created_at,
    nextStatuses: [...nextStatusesOf(p.status)],
    ...(arm === undefined ? {} : { arm }),
  };
}
