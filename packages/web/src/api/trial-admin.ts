import {
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import { useRequest } from '../auth/session-context.js';
import type { AuditEvent, Role, RoleGrant, SiteInfo } from './types.js';
import type { StepCurve } from '../components/charts/StepCurvePlot.js';

const enc = encodeURIComponent;

/** A kit (pharmacy). */
export interface Kit {
  readonly kitNumber: string;
  readonly arm: string;
  /** The pack inside the kit (e.g. `active:MALS` for a double-dummy pack), when the server gives it. */
  readonly pack?: string;
  readonly siteId: string | null;
  readonly status: string;
  readonly participantId: string | null;
  readonly dispensedAt: string | null;
}

/** A line of the dispensing log (pharmacy). */
export interface Dispensing {
  readonly participantId: string;
  readonly screeningNumber: string;
  readonly siteId: string;
  readonly kitNumber: string | null;
  readonly arm: string;
  readonly stratum: string | null;
  readonly randomizedAt: string;
}

function useGet<T>(key: readonly unknown[], path: string, enabled = true): UseQueryResult<T> {
  const request = useRequest();
  return useQuery({ queryKey: key, queryFn: ({ signal }) => request<T>('GET', path, { signal }), enabled });
}

/** The kit list with the kit-to-arm map (pharmacists only). */
export const useKits = (trialId: string): UseQueryResult<readonly Kit[]> =>
  useGet(['trials', trialId, 'kits'], `/api/trials/${enc(trialId)}/kits`);

/** The dispensing log (pharmacists only). */
export const useDispensing = (trialId: string): UseQueryResult<readonly Dispensing[]> =>
  useGet(['trials', trialId, 'dispensing'], `/api/trials/${enc(trialId)}/dispensing`);

/** Filters of the audit trail. */
export interface AuditFilters {
  readonly participantId?: string;
  readonly actor?: string;
  readonly entity?: string;
  readonly from?: string;
  readonly to?: string;
}

/** A page of the audit trail. */
export interface AuditPage {
  readonly total: number;
  readonly events: readonly AuditEvent[];
}

/** The trial's audit trail, filtered. */
export function useAudit(
  trialId: string,
  filters: AuditFilters,
  limit: number,
  offset: number,
): UseQueryResult<AuditPage> {
  const request = useRequest();
  return useQuery({
    queryKey: ['trials', trialId, 'audit', filters, limit, offset],
    queryFn: ({ signal }) =>
      request<AuditPage>('GET', `/api/trials/${enc(trialId)}/audit`, {
        query: { ...filters, limit, offset },
        signal,
      }),
  });
}

/** One time-to-event endpoint's curves (pooled for blinded roles, by arm for unblinded ones). */
export interface TimeToEvent {
  readonly endpointId: string;
  readonly label: string;
  readonly kind: 'km' | 'cif';
  readonly timeUnit: string;
  readonly blinded: boolean;
  readonly groups: readonly StepCurve[];
}

/** The time-to-event analyses of the trial. */
export const useTimeToEvent = (trialId: string): UseQueryResult<readonly TimeToEvent[]> =>
  useGet(['trials', trialId, 'analysis', 'tte'], `/api/trials/${enc(trialId)}/analysis/time-to-event`);

/** One group's lengths of stay: the four outcomes add up to `n`. */
export interface LengthOfStayGroup {
  /** "All participants" (blinded) or the arm label. */
  readonly label: string;
  readonly n: number;
  readonly dischargedAlive: number;
  /** Quartiles of (discharge - admission) / 24 h among those discharged alive; null when nobody is. */
  readonly days: { readonly q1: number; readonly median: number; readonly q3: number } | null;
  /** Died in the unit by the horizon: counted, never given a length of stay. */
  readonly diedInUnit: number;
  readonly stillInUnit: number;
  /** Discharged alive with no admission time recorded. */
  readonly admissionUnknown: number;
}

/** One length-of-stay endpoint (ICU or hospital), pooled for blinded roles, by arm for unblinded ones. */
export interface LengthOfStay {
  readonly endpointId: string;
  readonly label: string;
  readonly unit: 'icu' | 'hospital';
  readonly timeUnit: string;
  readonly horizonDays: number;
  readonly blinded: boolean;
  readonly groups: readonly LengthOfStayGroup[];
}

/** The ICU and hospital lengths of stay of the trial. */
export const useLengthOfStay = (trialId: string): UseQueryResult<readonly LengthOfStay[]> =>
  useGet(['trials', trialId, 'analysis', 'los'], `/api/trials/${enc(trialId)}/analysis/length-of-stay`);

/** How complete each form is. */
export interface Completeness {
  readonly formId: string;
  readonly label: string;
  readonly expected: number;
  readonly completed: number;
}

/** The data completeness of each form. */
export const useCompleteness = (trialId: string): UseQueryResult<readonly Completeness[]> =>
  useGet(
    ['trials', trialId, 'analysis', 'completeness'],
    `/api/trials/${enc(trialId)}/analysis/completeness`,
  );

/** A user as the admin sees them. */
export interface UserAccount {
  readonly id: string;
  readonly username: string;
  readonly fullName: string;
  readonly active: boolean;
  readonly grants: readonly RoleGrant[];
}

/** Every site (admin). */
export const useAllSites = (): UseQueryResult<readonly SiteInfo[]> =>
  useGet(['admin', 'sites'], '/api/sites');
/** Every user (admin). */
export const useUsers = (): UseQueryResult<readonly UserAccount[]> =>
  useGet(['admin', 'users'], '/api/users');

function useAdminWrite<I, O>(
  method: 'POST' | 'DELETE',
  path: (input: I) => string,
  body?: (input: I) => unknown,
): UseMutationResult<O, Error, I> {
  const request = useRequest();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I) =>
      request<O>(method, path(input), body === undefined ? {} : { body: body(input) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin'] }),
  });
}

/** Creates a site. */
export const useCreateSite = (): UseMutationResult<
  SiteInfo,
  Error,
  { code: string; name: string; timeZone: string; trialIds: string[] }
> =>
  useAdminWrite(
    'POST',
    () => '/api/sites',
    (i) => i,
  );

/** Creates a user. */
export const useCreateUser = (): UseMutationResult<
  UserAccount,
  Error,
  { username: string; fullName: string; password: string }
> =>
  useAdminWrite(
    'POST',
    () => '/api/users',
    (i) => i,
  );

/** Grants a role. */
export const useGrantRole = (): UseMutationResult<
  RoleGrant,
  Error,
  { userId: string; role: Role; trialId: string | null; siteId: string | null }
> =>
  useAdminWrite(
    'POST',
    (i) => `/api/users/${enc(i.userId)}/grants`,
    ({ userId: _u, ...rest }) => rest,
  );

/** Revokes a role. */
export const useRevokeRole = (): UseMutationResult<undefined, Error, { userId: string; grantId: string }> =>
  useAdminWrite('DELETE', (i) => `/api/users/${enc(i.userId)}/grants/${enc(i.grantId)}`);

/** The allocation list's state, never the list itself. */
export interface AllocationListState {
  readonly generated: boolean;
  readonly generatedAt?: string;
  readonly method?: string;
  readonly seedSha256?: string;
  readonly protocolVersion?: number;
  readonly usedSlots?: number;
  /** The seed, returned once when the server generated it: the statistician keeps it offline. */
  readonly seed?: string;
}

/** The allocation list's state (unblinded statistician). */
export const useAllocationList = (trialId: string): UseQueryResult<AllocationListState> =>
  useGet(['trials', trialId, 'allocation-list'], `/api/trials/${enc(trialId)}/allocation-list`);

/** Generates the allocation list from a secret seed (unblinded statistician). */
export function useGenerateAllocationList(
  trialId: string,
): UseMutationResult<AllocationListState, Error, { seed?: string }> {
  const request = useRequest();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input) =>
      request<AllocationListState>('POST', `/api/trials/${enc(trialId)}/allocation-list`, { body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['trials', trialId, 'allocation-list'] }),
  });
}
