import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useRequest } from '../auth/session-context.js';
import type { SiteInfo, TrialSummary } from './types.js';

/** The trials the user has a role in (GET /api/trials). */
export function useTrials(): UseQueryResult<readonly TrialSummary[]> {
  const request = useRequest();
  return useQuery({
    queryKey: ['trials'],
    queryFn: ({ signal }) => request<TrialSummary[]>('GET', '/api/trials', { signal }),
  });
}

/** The sites of a trial that the user may see (GET /api/trials/:trialId/sites). */
export function useSites(trialId: string): UseQueryResult<readonly SiteInfo[]> {
  const request = useRequest();
  return useQuery({
    queryKey: ['trials', trialId, 'sites'],
    queryFn: ({ signal }) =>
      request<SiteInfo[]>('GET', `/api/trials/${encodeURIComponent(trialId)}/sites`, { signal }),
  });
}
