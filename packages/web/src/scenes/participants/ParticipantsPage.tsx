import { useState, type ReactNode } from 'react';
import { Anchor, Badge, Stack, Table, TextInput, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useParticipants } from '../../api/participants.js';
import { useSites } from '../../api/trials.js';
import { QueryState } from '../../components/QueryState.js';
import { formatDate } from '../../lib/format-time.js';
import { useTrialId } from '../use-trial-id.js';

/** The participants of the trial at the user's sites, filterable by screening number, patient or status. */
export function ParticipantsPage(): ReactNode {
  const trialId = useTrialId();
  const participants = useParticipants(trialId);
  const sites = useSites(trialId);
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  return (
    <Stack>
      <Title order={1} size="h2">
        Participants
      </Title>
      <TextInput
        label="Filter"
        placeholder="Screening number, patient or status"
        value={filter}
        onChange={(e) => {
          setFilter(e.currentTarget.value);
        }}
        maw={360}
      />
      <QueryState query={participants} what="the participants">
        {(rows) => {
          const shown = rows.filter(
            (p) =>
              needle === '' ||
              [p.screeningNumber, p.patientRef, p.status].some((v) => v.toLowerCase().includes(needle)),
          );
          return (
            <Table.ScrollContainer minWidth={640}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Screening no.</Table.Th>
                    <Table.Th>Patient</Table.Th>
                    <Table.Th>Site</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Stratum</Table.Th>
                    <Table.Th>Kit</Table.Th>
                    <Table.Th>Day 1</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shown.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/trials/${trialId}/participants/${p.id}`}>
                          {p.screeningNumber}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{p.patientRef}</Table.Td>
                      <Table.Td>{sites.data?.find((s) => s.id === p.siteId)?.code ?? p.siteId}</Table.Td>
                      <Table.Td>
                        <Badge variant="light">{p.status.replace(/_/g, ' ')}</Badge>
                      </Table.Td>
                      <Table.Td>{p.stratum ?? ''}</Table.Td>
                      <Table.Td>{p.kitNumber ?? ''}</Table.Td>
                      <Table.Td>
                        {p.d1Date === undefined || p.d1Date === null ? '' : formatDate(p.d1Date)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                  {shown.length === 0 ? (
                    <Table.Tr>
                      <Table.Td colSpan={7}>No participant.</Table.Td>
                    </Table.Tr>
                  ) : null}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          );
        }}
      </QueryState>
    </Stack>
  );
}
