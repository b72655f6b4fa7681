import type { ReactNode } from 'react';
import { Anchor, Card, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import {
  FUNNEL_STAGES,
  STAGE_COLOURS,
  sumFunnelBy,
  useDashboard,
  type Dashboard,
} from '../../api/dashboard.js';
import { useSites } from '../../api/trials.js';
import type { SiteInfo } from '../../api/types.js';
import { GroupedBarChart } from '../../components/charts/GroupedBarChart.js';
import { QueryState } from '../../components/QueryState.js';
import { formatDate, formatDateTime, browserTimeZone } from '../../lib/format-time.js';
import { useTrialId } from '../use-trial-id.js';

function siteLabel(sites: readonly SiteInfo[] | undefined, id: string): string {
  return sites?.find((s) => s.id === id)?.code ?? id;
}

function zoneOf(sites: readonly SiteInfo[] | undefined, id: string): string {
  return sites?.find((s) => s.id === id)?.timeZone ?? browserTimeZone();
}

function Counter({ label, value, tone }: { label: string; value: number; tone: 'red' | 'gray' }): ReactNode {
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} {...(value > 0 && tone === 'red' ? { c: 'red.9' } : {})}>
        {value}
      </Text>
    </Card>
  );
}

function DashboardBody({
  data,
  sites,
  trialId,
}: {
  data: Dashboard;
  sites: readonly SiteInfo[] | undefined;
  trialId: string;
}): ReactNode {
  const bySite = sumFunnelBy(data.funnel, (r) => siteLabel(sites, r.siteId));
  const byWeek = sumFunnelBy(
    [...data.funnel].sort((a, b) => a.week.localeCompare(b.week)),
    (r) => r.week,
  ).slice(-12);
  const percent =
    data.target === null || data.target === 0 ? null : (100 * data.randomizedTotal) / data.target;
  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Counter label="Randomized" value={data.randomizedTotal} tone="gray" />
        <Counter label="Overdue visits" value={data.overdueVisits.length} tone="red" />
        <Counter label="Overdue doses" value={data.overdueDoses.length} tone="red" />
        <Counter label="Open queries" value={data.openQueries.length} tone="red" />
      </SimpleGrid>
      <Card withBorder>
        <Title order={2} size="h4">
          Enrolment against target
        </Title>
        {percent === null ? (
          <Text>{data.randomizedTotal} randomized; the protocol sets no target.</Text>
        ) : (
          <>
            <Text>
              {data.randomizedTotal} of {data.target} randomized ({percent.toFixed(0)}%)
            </Text>
            <Progress
              value={Math.min(100, percent)}
              aria-label="Enrolment against target"
              size="lg"
              mt="xs"
            />
          </>
        )}
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          Screening funnel by site
        </Title>
        {bySite.length === 0 ? (
          <Text>No patient screened yet.</Text>
        ) : (
          <GroupedBarChart
            colours={STAGE_COLOURS}
            title="Screening funnel by site"
            groups={bySite}
            series={FUNNEL_STAGES}
            valueLabel="Patients"
          />
        )}
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          Screening funnel by week (last 12 weeks)
        </Title>
        {byWeek.length === 0 ? (
          <Text>No patient screened yet.</Text>
        ) : (
          <>
            <GroupedBarChart
              colours={STAGE_COLOURS}
              title="Screened and randomized per week"
              groups={byWeek.map((w) => ({
                category: formatDate(w.category).replace(/ \d{4}$/, ''),
                values: w.values,
              }))}
              series={['screened', 'randomized']}
              valueLabel="Patients"
              height={220}
            />
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Week of</Table.Th>
                  {FUNNEL_STAGES.map((s) => (
                    <Table.Th key={s} ta="right">
                      {s}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {byWeek.map((w) => (
                  <Table.Tr key={w.category}>
                    <Table.Td>{formatDate(w.category)}</Table.Td>
                    {FUNNEL_STAGES.map((s) => (
                      <Table.Td key={s} ta="right">
                        {w.values[s] ?? 0}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
      </Card>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            Overdue visits
          </Title>
          {data.overdueVisits.length === 0 ? <Text>None.</Text> : null}
          {data.overdueVisits.map((v) => (
            <Text key={`${v.participantId}-${v.visitId}`} size="sm">
              <Anchor component={Link} to={`/trials/${trialId}/participants/${v.participantId}`}>
                {v.screeningNumber}
              </Anchor>{' '}
              {v.label}, window ended {formatDate(v.windowEnd)}
            </Text>
          ))}
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            Overdue doses
          </Title>
          {data.overdueDoses.length === 0 ? <Text>None.</Text> : null}
          {data.overdueDoses.map((d) => (
            <Text key={d.administrationId} size="sm">
              <Anchor component={Link} to={`/trials/${trialId}/participants/${d.participantId}`}>
                {d.screeningNumber}
              </Anchor>{' '}
              {d.regimenId}, due {formatDateTime(d.scheduledAt, zoneOf(sites, d.siteId))}
            </Text>
          ))}
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            Open queries
          </Title>
          {data.openQueries.length === 0 ? <Text>None.</Text> : null}
          {data.openQueries.map((q) => (
            <Text key={q.id} size="sm">
              <Anchor component={Link} to={`/trials/${trialId}/participants/${q.participantId}`}>
                {q.screeningNumber}
              </Anchor>{' '}
              {q.field === null ? '' : `${q.field}: `}
              {q.text}
            </Text>
          ))}
        </Card>
      </SimpleGrid>
    </Stack>
  );
}

/** The trial dashboard: funnel per site and week, enrolment against target, overdue work, open queries. */
export function DashboardPage(): ReactNode {
  const trialId = useTrialId();
  const dashboard = useDashboard(trialId);
  const sites = useSites(trialId);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Dashboard
        </Title>
      </Group>
      <QueryState query={dashboard} what="the dashboard">
        {(data) => <DashboardBody data={data} sites={sites.data} trialId={trialId} />}
      </QueryState>
    </Stack>
  );
}
