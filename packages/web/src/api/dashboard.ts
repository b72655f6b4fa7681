import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useRequest } from '../auth/session-context.js';

/** One site-week of the screening funnel. */
export interface FunnelRow {
  readonly siteId: string;
  /** Monday of the week, `YYYY-MM-DD`. */
  readonly week: string;
  readonly screened: number;
  readonly eligible: number;
  readonly consented: number;
  readonly randomized: number;
  readonly completed: number;
}

/** The dashboard's data (GET /api/trials/:trialId/dashboard). */
export interface Dashboard {
  readonly funnel: readonly FunnelRow[];
  readonly target: number | null;
  readonly randomizedTotal: number;
  readonly overdueVisits: readonly {
    readonly participantId: string;
    readonly screeningNumber: string;
    readonly siteId: string;
    readonly visitId: string;
    readonly label: string;
    readonly windowEnd: string;
  }[];
  readonly overdueDoses: readonly {
    readonly participantId: string;
    readonly screeningNumber: string;
    readonly siteId: string;
    readonly administrationId: string;
    readonly regimenId: string;
    readonly scheduledAt: string;
  }[];
  readonly openQueries: readonly {
    readonly id: string;
    readonly participantId: string;
    readonly screeningNumber: string;
    readonly siteId: string;
    readonly field: string | null;
    readonly text: string;
    readonly openedAt: string;
  }[];
}

/** The trial dashboard. */
export function useDashboard(trialId: string): UseQueryResult<Dashboard> {
  const request = useRequest();
  return useQuery({
    queryKey: ['trials', trialId, 'dashboard'],
    queryFn: ({ signal }) =>
      request<Dashboard>('GET', `/api/trials/${encodeURIComponent(trialId)}/dashboard`, { signal }),
  });
}

/** The colour of each funnel stage in every chart (Okabe-Ito). */
export const STAGE_COLOURS: Readonly<Record<string, string>> = {
  screened: '#0072B2',
  eligible: '#56B4E9',
  consented: '#009E73',
  randomized: '#E69F00',
  completed: '#D55E00',
};

/** The five funnel stages, in order. */
export const FUNNEL_STAGES = ['screened', 'eligible', 'consented', 'randomized', 'completed'] as const;

/**
 * Sums funnel rows by a key (site or week), keeping the keys in first-seen order.
 * @example sumFunnelBy(rows, (r) => r.siteId) // => [{ category: 'S1', values: { screened: 12, ... } }]
 */
export function sumFunnelBy(
  rows: readonly FunnelRow[],
  key: (row: FunnelRow) => string,
): { category: string; values: Record<string, number> }[] {
  const out = new Map<string, Record<string, number>>();
  for (const row of rows) {
    const k = key(row);
    const values = out.get(k) ?? { screened: 0, eligible: 0, consented: 0, randomized: 0, completed: 0 };
    for (const stage of FUNNEL_STAGES) values[stage] = (values[stage] ?? 0) + row[stage];
    out.set(k, values);
  }
  return [...out].map(([category, values]) => ({ category, values }));
}
