import { useParams } from 'react-router';

/**
 * The trial of the current route (`/trials/:trialId/...`).
 * @throws Error when the route has no trial (a programming error in AppRoutes).
 */
export function useTrialId(): string {
  const { trialId } = useParams();
  if (trialId === undefined) throw new Error('useTrialId used outside /trials/:trialId');
  return trialId;
}
