import type { ReactNode } from 'react';
import { Badge, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { useParticipant, useParticipantAudit } from '../../api/participants.js';
import { useSites } from '../../api/trials.js';
import { useSession } from '../../auth/session-context.js';
import { AuditTable } from '../../components/AuditTable.js';
import { EligibilityReport } from '../../components/EligibilityReport.js';
import { QueryState } from '../../components/QueryState.js';
import { browserTimeZone } from '../../lib/format-time.js';
import { can } from '../../lib/roles.js';
import { useTrialId } from '../use-trial-id.js';
import { DeviationsPanel } from './DeviationsPanel.js';
import { DosingCalendar } from './DosingCalendar.js';
import { EnrolmentPanel } from './EnrolmentPanel.js';
import { FormsPanel } from './FormsPanel.js';
import { QueriesPanel } from './QueriesPanel.js';
import { StatusPanel } from './StatusPanel.js';
import { UnblindPanel } from './UnblindPanel.js';
import { VisitCalendar } from './VisitCalendar.js';

function AuditHistory({ participantId, timeZone }: { participantId: string; timeZone: string }): ReactNode {
  const audit = useParticipantAudit(participantId);
  return (
    <QueryState query={audit} what="the audit history">
      {(page) => <AuditTable events={page.events} timeZone={timeZone} />}
    </QueryState>
  );
}

/** One participant: enrolment, status, dosing, deviations, visits, forms, queries and audit history, in tabs. */
export function ParticipantPage(): ReactNode {
  const trialId = useTrialId();
  const { participantId = '' } = useParams();
  const session = useSession();
  const detail = useParticipant(participantId);
  const sites = useSites(trialId);

  return (
    <QueryState query={detail} what="the participant">
      {(d) => {
        const p = d.participant;
        const site = sites.data?.find((s) => s.id === p.siteId);
        const timeZone = site?.timeZone ?? browserTimeZone();
        const randomized = d.randomization !== null;
        return (
          <Stack>
            <Group justify="space-between" align="start">
              <Stack gap={2}>
                <Title order={1} size="h2">
                  Participant {p.screeningNumber}
                </Title>
                <Group gap="xs">
                  <Badge variant="filled">{p.status.replace(/_/g, ' ')}</Badge>
                  <Text size="sm">
                    Patient {p.patientRef} · site {site?.code ?? p.siteId}
                    {p.stratum === undefined || p.stratum === null ? '' : ` · stratum ${p.stratum}`} · times
                    in {timeZone}
                  </Text>
                </Group>
              </Stack>
              {randomized && can(session, 'unblind', trialId, p.siteId) ? (
                <UnblindPanel participantId={p.id} timeZone={timeZone} />
              ) : null}
            </Group>
            <Tabs defaultValue="enrolment" keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="enrolment">Enrolment</Tabs.Tab>
                <Tabs.Tab value="status">Status</Tabs.Tab>
                <Tabs.Tab value="screening">Screening</Tabs.Tab>
                <Tabs.Tab value="dosing">Dosing</Tabs.Tab>
                <Tabs.Tab value="deviations">Deviations</Tabs.Tab>
                <Tabs.Tab value="visits">Visits</Tabs.Tab>
                <Tabs.Tab value="forms">Forms</Tabs.Tab>
                <Tabs.Tab value="queries">Queries</Tabs.Tab>
                <Tabs.Tab value="audit">Audit history</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="enrolment" pt="md">
                <EnrolmentPanel detail={d} trialId={trialId} timeZone={timeZone} />
              </Tabs.Panel>
              <Tabs.Panel value="status" pt="md">
                <StatusPanel
                  participantId={p.id}
                  timeZone={timeZone}
                  canChange={can(session, 'changeStatus', trialId, p.siteId)}
                />
              </Tabs.Panel>
              <Tabs.Panel value="screening" pt="md">
                {d.screening === null ? (
                  <Text>No screening on record.</Text>
                ) : (
                  <EligibilityReport result={d.screening} timeZone={timeZone} />
                )}
              </Tabs.Panel>
              <Tabs.Panel value="dosing" pt="md">
                <DosingCalendar
                  participantId={p.id}
                  timeZone={timeZone}
                  canRecord={
                    can(session, 'recordDoses', trialId, p.siteId) &&
                    // The server records no dose once a participant has withdrawn or died.
                    p.status !== 'withdrawn' &&
                    p.status !== 'dead'
                  }
                />
              </Tabs.Panel>
              <Tabs.Panel value="deviations" pt="md">
                <DeviationsPanel
                  participantId={p.id}
                  timeZone={timeZone}
                  canRecord={can(session, 'recordDeviations', trialId, p.siteId)}
                />
              </Tabs.Panel>
              <Tabs.Panel value="visits" pt="md">
                <VisitCalendar participantId={p.id} />
              </Tabs.Panel>
              <Tabs.Panel value="forms" pt="md">
                <FormsPanel
                  trialId={trialId}
                  participantId={p.id}
                  canEdit={can(session, 'editForms', trialId, p.siteId)}
                  canSign={can(session, 'confirmEligibility', trialId, p.siteId)}
                  canQuery={can(session, 'openQueries', trialId, p.siteId)}
                  timeZone={timeZone}
                />
              </Tabs.Panel>
              <Tabs.Panel value="queries" pt="md">
                <QueriesPanel
                  participantId={p.id}
                  timeZone={timeZone}
                  canAnswer={can(session, 'answerQueries', trialId, p.siteId)}
                  canClose={can(session, 'openQueries', trialId, p.siteId)}
                />
              </Tabs.Panel>
              <Tabs.Panel value="audit" pt="md">
                <AuditHistory participantId={p.id} timeZone={timeZone} />
              </Tabs.Panel>
            </Tabs>
          </Stack>
        );
      }}
    </QueryState>
  );
}
