import type { ReactNode } from 'react';
import { Alert, Card, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { FUNNEL_STAGES, STAGE_COLOURS, sumFunnelBy, useDashboard } from '../../api/dashboard.js';
import { useCompleteness, useLengthOfStay, useTimeToEvent } from '../../api/trial-admin.js';
import { useSites } from '../../api/trials.js';
import { useSession } from '../../auth/session-context.js';
import { GroupedBarChart } from '../../components/charts/GroupedBarChart.js';
import { StepCurvePlot } from '../../components/charts/StepCurvePlot.js';
import { QueryState } from '../../components/QueryState.js';
import { can } from '../../lib/roles.js';
import { useTrialId } from '../use-trial-id.js';
import { LengthOfStayTable } from './LengthOfStayTable.js';

/**
 * Statistician and DSMB view: Kaplan-Meier and cumulative-incidence curves with numbers at risk and the ICU
 * and hospital lengths of stay (pooled for blinded roles, by arm for unblinded ones: the server decides),
 * enrolment by site, form completeness.
 */
export function StatisticsPage(): ReactNode {
  const trialId = useTrialId();
  const session = useSession();
  const tte = useTimeToEvent(trialId);
  const lengthOfStay = useLengthOfStay(trialId);
  const completeness = useCompleteness(trialId);
  const dashboard = useDashboard(trialId);
  const sites = useSites(trialId);
  const unblinded = can(session, 'unblindedStatistics', trialId);
  return (
    <Stack>
      <Title order={1} size="h2">
        Statistics and DSMB
      </Title>
      <Alert color={unblinded ? 'orange' : 'blue'} variant="light">
        {unblinded
          ? 'Unblinded view: curves are shown by arm. Closed-session material.'
          : 'Blinded view: all participants pooled; no result is shown by arm.'}
      </Alert>
      <QueryState query={tte} what="the time-to-event analyses">
        {(analyses) => (
          <Stack>
            {analyses.length === 0 ? <Text>No time-to-event endpoint has data yet.</Text> : null}
            {analyses.map((a) => (
              <Card key={a.endpointId} withBorder>
                <Title order={2} size="h4" mb="xs">
                  {a.label} {a.blinded ? '(pooled)' : '(by arm)'}
                </Title>
                <StepCurvePlot
                  title={`${a.kind === 'km' ? 'Kaplan-Meier' : 'Cumulative incidence'}: ${a.label}`}
                  curves={a.groups}
                  timeLabel={`Time (${a.timeUnit})`}
                  valueLabel={a.kind === 'km' ? 'Probability without event' : 'Cumulative incidence'}
                />
              </Card>
            ))}
          </Stack>
        )}
      </QueryState>
      <QueryState query={lengthOfStay} what="the lengths of stay">
        {(analyses) => (
          <Stack>
            {analyses.map((a) => (
              <LengthOfStayTable key={a.endpointId} analysis={a} />
            ))}
          </Stack>
        )}
      </QueryState>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          Enrolment by site
        </Title>
        <QueryState query={dashboard} what="enrolment">
          {(d) => (
            <GroupedBarChart
              colours={STAGE_COLOURS}
              title="Enrolment by site"
              groups={sumFunnelBy(
                d.funnel,
                (r) => sites.data?.find((s) => s.id === r.siteId)?.code ?? r.siteId,
              )}
              series={FUNNEL_STAGES.filter((s) => s !== 'eligible')}
              valueLabel="Participants"
            />
          )}
        </QueryState>
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          Data completeness by form
        </Title>
        <QueryState query={completeness} what="data completeness">
          {(rows) => (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Form</Table.Th>
                  <Table.Th ta="right">Completed / expected</Table.Th>
                  <Table.Th w="40%">Completeness</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => {
                  const pct = r.expected === 0 ? 100 : (100 * r.completed) / r.expected;
                  return (
                    <Table.Tr key={r.formId}>
                      <Table.Td>{r.label}</Table.Td>
                      <Table.Td ta="right">
                        {r.completed} / {r.expected}
                      </Table.Td>
                      <Table.Td>
                        <Progress value={pct} aria-label={`${r.label}: ${pct.toFixed(0)}% complete`} />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
        </QueryState>
      </Card>
    </Stack>
  );
}
