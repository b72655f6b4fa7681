import {
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import { useRequest } from '../auth/session-context.js';
import type {
  AuditEvent,
  DataQuery,
  Deviation,
  Dose,
  FieldValue,
  FormDefinition,
  FormEntry,
  ParticipantDetail,
  ParticipantSummary,
  Randomization,
  Visit,
} from './types.js';

const enc = encodeURIComponent;
const participantKey = (id: string): string[] => ['participants', id];

/** The participants of a trial that the user may see. */
export function useParticipants(trialId: string): UseQueryResult<readonly ParticipantSummary[]> {
  const request = useRequest();
  return useQuery({
    queryKey: ['trials', trialId, 'participants'],
    queryFn: ({ signal }) =>
      request<ParticipantSummary[]>('GET', `/api/trials/${enc(trialId)}/participants`, { signal }),
  });
}

/** One participant with screening, consent, eligibility and randomization. */
export function useParticipant(id: string): UseQueryResult<ParticipantDetail> {
  const request = useRequest();
  return useQuery({
    queryKey: participantKey(id),
    queryFn: ({ signal }) => request<ParticipantDetail>('GET', `/api/participants/${enc(id)}`, { signal }),
  });
}

function useParticipantList<T>(id: string, part: string): UseQueryResult<readonly T[]> {
  const request = useRequest();
  return useQuery({
    queryKey: [...participantKey(id), part],
    queryFn: ({ signal }) => request<T[]>('GET', `/api/participants/${enc(id)}/${part}`, { signal }),
  });
}

/** The dosing calendar. */
export const useDoses = (id: string): UseQueryResult<readonly Dose[]> =>
  useParticipantList<Dose>(id, 'doses');
/** The visit calendar. */
export const useVisits = (id: string): UseQueryResult<readonly Visit[]> =>
  useParticipantList<Visit>(id, 'visits');
/** The saved forms. */
export const useFormEntries = (id: string): UseQueryResult<readonly FormEntry[]> =>
  useParticipantList<FormEntry>(id, 'forms');
/** The data queries. */
export const useQueries = (id: string): UseQueryResult<readonly DataQuery[]> =>
  useParticipantList<DataQuery>(id, 'queries');
/** The participant's protocol deviations. */
export const useDeviations = (id: string): UseQueryResult<readonly Deviation[]> =>
  useParticipantList<Deviation>(id, 'deviations');
/** The participant's audit history (the first 500 events). */
export function useParticipantAudit(
  id: string,
): UseQueryResult<{ total: number; events: readonly AuditEvent[] }> {
  const request = useRequest();
  return useQuery({
    queryKey: [...participantKey(id), 'audit'],
    queryFn: ({ signal }) =>
      request<{ total: number; events: AuditEvent[] }>('GET', `/api/participants/${enc(id)}/audit`, {
        query: { limit: 500 },
        signal,
      }),
  });
}

/** The form definitions of a trial. */
export function useFormDefinitions(trialId: string): UseQueryResult<readonly FormDefinition[]> {
  const request = useRequest();
  return useQuery({
    queryKey: ['trials', trialId, 'forms'],
    queryFn: ({ signal }) =>
      request<FormDefinition[]>('GET', `/api/trials/${enc(trialId)}/forms`, { signal }),
  });
}

/** A write on a participant that refreshes everything shown about them (and the trial's lists) when it succeeds. */
function useParticipantWrite<I, O>(
  participantId: string,
  method: 'POST' | 'PUT',
  path: (input: I) => string,
  body: (input: I) => unknown = (input) => input,
): UseMutationResult<O, Error, I> {
  const request = useRequest();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => request<O>(method, path(input), { body: body(input) }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: participantKey(participantId) }),
        queryClient.invalidateQueries({ queryKey: ['trials'] }),
      ]);
    },
  });
}

/** Consent: who gave it and on which date. */
export interface ConsentInput {
  readonly givenBy: 'patient' | 'relative' | 'legal_representative';
  readonly consentDate: string;
}

/** Records consent. */
export const useRecordConsent = (id: string): UseMutationResult<ParticipantSummary, Error, ConsentInput> =>
  useParticipantWrite(id, 'POST', () => `/api/participants/${enc(id)}/consent`);

/** The investigator's eligibility confirmation, signed by re-entering the password (21 CFR 11.50). */
export interface EligibilityInput {
  readonly answers: Readonly<Record<string, boolean>>;
  readonly password: string;
  readonly meaning: string;
}

/** Confirms eligibility. */
export const useConfirmEligibility = (
  id: string,
): UseMutationResult<{ eligible: boolean; signerName: string; signedAt: string }, Error, EligibilityInput> =>
  useParticipantWrite(id, 'POST', () => `/api/participants/${enc(id)}/eligibility`);

/** Randomizes the participant. */
export const useRandomize = (id: string): UseMutationResult<Randomization, Error, void> =>
  useParticipantWrite(
    id,
    'POST',
    () => `/api/participants/${enc(id)}/randomization`,
    () => ({}),
  );

/** Emergency unblinding: reason and password. */
export interface UnblindInput {
  readonly reason: string;
  readonly password: string;
}

/** What emergency unblinding reveals, for this participant only. */
export interface UnblindResult {
  readonly arm: string;
  readonly armLabel?: string;
  readonly kitNumber?: string | null;
  readonly unblindedAt: string;
}

/** Unblinds one participant in an emergency. */
export const useUnblind = (id: string): UseMutationResult<UnblindResult, Error, UnblindInput> =>
  useParticipantWrite(id, 'POST', () => `/api/participants/${enc(id)}/unblind`);

/** A dose recorded as given, held or missed. */
export interface DoseInput {
  readonly doseId: string;
  readonly status: 'given' | 'held' | 'missed';
  readonly givenAt?: string;
  readonly reason?: string;
}

/** Records a dose. */
export const useRecordDose = (id: string): UseMutationResult<Dose, Error, DoseInput> =>
  useParticipantWrite(
    id,
    'POST',
    (input: DoseInput) => `/api/participants/${enc(id)}/doses/${enc(input.doseId)}`,
    ({ doseId: _doseId, ...rest }: DoseInput) => rest,
  );

/** A form save: a reason is required once the form has been saved before. */
export interface FormSaveInput {
  readonly formId: string;
  readonly instance: string;
  readonly values: Readonly<Record<string, FieldValue>>;
  readonly reason?: string;
  readonly confirmOutOfRange?: readonly string[];
}

/** Saves a form. */
export const useSaveForm = (id: string): UseMutationResult<FormEntry, Error, FormSaveInput> =>
  useParticipantWrite(
    id,
    'PUT',
    (input: FormSaveInput) =>
      `/api/participants/${enc(id)}/forms/${enc(input.formId)}/${enc(input.instance)}`,
    ({ formId: _f, instance: _i, ...rest }: FormSaveInput) => rest,
  );

/** Signs a saved form (investigator: password re-entry; a later edit voids the signature). */
export const useSignForm = (id: string): UseMutationResult<FormEntry, Error, SignFormInput> =>
  useParticipantWrite(
    id,
    'POST',
    (input: SignFormInput) =>
      `/api/participants/${enc(id)}/forms/${enc(input.formId)}/${enc(input.instance)}/signature`,
    ({ password, meaning }: SignFormInput) => ({ password, meaning }),
  );

/** What signing a form sends. */
export interface SignFormInput {
  readonly formId: string;
  readonly instance: string;
  readonly password: string;
  readonly meaning: string;
}

/** Answers a query (site). */
export const useAnswerQuery = (
  id: string,
): UseMutationResult<DataQuery, Error, { queryId: string; answer: string }> =>
  useParticipantWrite(
    id,
    'POST',
    (input: { queryId: string; answer: string }) => `/api/queries/${enc(input.queryId)}/answer`,
    (input: { queryId: string; answer: string }) => ({ answer: input.answer }),
  );

/** Opens a query on a form field (monitor, data manager). */
export const useOpenQuery = (
  id: string,
): UseMutationResult<DataQuery, Error, { formEntryId: string; field: string; text: string }> =>
  useParticipantWrite(id, 'POST', () => `/api/participants/${enc(id)}/queries`);

/** Closes a query (monitor, data manager). */
export const useCloseQuery = (id: string): UseMutationResult<DataQuery, Error, { queryId: string }> =>
  useParticipantWrite(
    id,
    'POST',
    (input: { queryId: string }) => `/api/queries/${enc(input.queryId)}/close`,
    () => ({}),
  );

/**
 * A status change by hand. A withdrawal needs the reason and what data may still be collected; a death needs the
 * date (at the site, `YYYY-MM-DD`).
 */
export type StatusChangeInput =
  | { readonly status: 'on_treatment' | 'follow_up' | 'completed' }
  | { readonly status: 'withdrawn'; readonly reason: string; readonly dataAfterWithdrawal: string }
  | { readonly status: 'dead'; readonly deathDate: string; readonly reason?: string };

/** Changes the participant's status (coordinator, investigator). */
export const useChangeStatus = (
  id: string,
): UseMutationResult<ParticipantSummary, Error, StatusChangeInput> =>
  useParticipantWrite(id, 'POST', () => `/api/participants/${enc(id)}/status`);

/**
 * ICU and hospital admission and discharge (UTC instants). A field left out stays as recorded; `null`
 * removes a value recorded in error. Changing or removing a recorded value needs a reason.
 */
export interface DischargeInput {
  readonly hospitalAdmittedAt?: string | null;
  readonly icuAdmittedAt?: string | null;
  readonly icuDischargedAt?: string | null;
  readonly hospitalDischargedAt?: string | null;
  readonly reason?: string;
}

/**
 * Records or corrects the admissions and discharges (coordinator, investigator); visits and the participant
 * refresh.
 */
export const useRecordDischarge = (
  id: string,
): UseMutationResult<ParticipantSummary, Error, DischargeInput> =>
  useParticipantWrite(id, 'POST', () => `/api/participants/${enc(id)}/discharge`);

/** A protocol deviation recorded by hand: a kind (`a_z_` code) and what happened. */
export interface DeviationInput {
  readonly kind: string;
  readonly description: string;
}

/** Records a protocol deviation by hand (coordinator, investigator); the list refreshes. */
export const useRecordDeviation = (id: string): UseMutationResult<Deviation, Error, DeviationInput> =>
  useParticipantWrite(id, 'POST', () => `/api/participants/${enc(id)}/deviations`);
