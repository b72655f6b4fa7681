import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { Protocol } from '@immunotrial/core';
import { useRequest } from '../auth/session-context.js';

/** The trial's current protocol version (GET /api/trials/:trialId/protocol). */
export interface ProtocolDocument {
  readonly version: number;
  readonly protocolVersion?: string;
  readonly yaml: string;
  readonly protocol: Protocol;
}

/** The trial's protocol, as stored (read-only). */
export function useProtocol(trialId: string): UseQueryResult<ProtocolDocument> {
  const request = useRequest();
  return useQuery({
    queryKey: ['trials', trialId, 'protocol'],
    queryFn: ({ signal }) =>
      request<ProtocolDocument>('GET', `/api/trials/${encodeURIComponent(trialId)}/protocol`, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** A question the investigator answers when confirming eligibility: a criterion a person attests. */
export interface AttestationQuestion {
  readonly id: string;
  readonly kind: 'inclusion' | 'exclusion';
  readonly label: string;
  readonly text: string;
}

/**
 * The attestation questions of a protocol, inclusions first, in protocol order.
 * @example attestationQuestions(infinity).map((q) => q.id) // => ['I5', 'E1', 'E2', ...]
 */
export function attestationQuestions(protocol: Protocol): AttestationQuestion[] {
  const { inclusion, exclusion } = protocol.eligibility;
  const pick = (kind: 'inclusion' | 'exclusion', list: typeof inclusion): AttestationQuestion[] =>
    list
      .filter((c) => c.attestation === true)
      .map((c) => ({ id: c.id, kind, label: c.label ?? c.id, text: c.text.trim() }));
  return [...pick('inclusion', inclusion), ...pick('exclusion', exclusion)];
}
