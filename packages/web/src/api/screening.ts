import { useMutation, useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import { useRequest } from '../auth/session-context.js';
import type { EligibilityResult, ParticipantSummary } from './types.js';

/** What screening sends: the site, one FHIR R4 bundle, and the screening instant (UTC; now when left out). */
export interface ScreeningInput {
  readonly siteId: string;
  /** A FHIR R4 Bundle (a JSON object). */
  readonly bundle: Readonly<Record<string, unknown>>;
  readonly at?: string;
}

/** The saved screening and the participant it created. */
export interface SavedScreening {
  readonly screening: { readonly id: string; readonly participantId: string; readonly status: string };
  readonly participant: ParticipantSummary;
}

/** Evaluates a bundle against the trial's protocol without writing anything. */
export function useEvaluateScreening(
  trialId: string,
): UseMutationResult<EligibilityResult, Error, ScreeningInput> {
  const request = useRequest();
  return useMutation({
    mutationFn: (input) =>
      request<EligibilityResult>('POST', `/api/trials/${encodeURIComponent(trialId)}/screenings/evaluate`, {
        body: input,
      }),
  });
}

/** Saves a screening to the screening log (a participant record is created with its result). */
export function useSaveScreening(trialId: string): UseMutationResult<SavedScreening, Error, ScreeningInput> {
  const request = useRequest();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input) =>
      request<SavedScreening>('POST', `/api/trials/${encodeURIComponent(trialId)}/screenings`, {
        body: input,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['trials', trialId] }),
  });
}
