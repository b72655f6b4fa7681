import type { ReactNode } from 'react';
import { Badge, Table, Text } from '@mantine/core';
import { useVisits } from '../../api/participants.js';
import { QueryState } from '../../components/QueryState.js';
import { formatDate } from '../../lib/format-time.js';

const VISIT_COLOUR: Record<string, string> = {
  done: 'green',
  due: 'blue',
  overdue: 'red',
  missed: 'red',
  upcoming: 'gray',
};
// A visit whose window ended without its form is overdue for the site (the server calls it missed).
const VISIT_TEXT: Record<string, string> = { missed: 'overdue', due: 'due now' };

/** The visit calendar: each visit's target day and window, with overdue visits flagged. */
export function VisitCalendar({ participantId }: { participantId: string }): ReactNode {
  const visits = useVisits(participantId);
  return (
    <QueryState query={visits} what="the visit calendar">
      {(rows) =>
        rows.length === 0 ? (
          <Text>No visit scheduled: the calendar starts at randomization.</Text>
        ) : (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Visit</Table.Th>
                <Table.Th>Day</Table.Th>
                <Table.Th>Target date</Table.Th>
                <Table.Th>Window</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((v) => (
                <Table.Tr key={`${v.visitId}-${v.day}`}>
                  <Table.Td>{v.label}</Table.Td>
                  <Table.Td>D{v.day}</Table.Td>
                  <Table.Td>{formatDate(v.date)}</Table.Td>
                  <Table.Td>
                    {v.windowStart === v.windowEnd
                      ? formatDate(v.windowStart)
                      : `${formatDate(v.windowStart)} – ${formatDate(v.windowEnd)}`}
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      color={VISIT_COLOUR[v.status] ?? 'gray'}
                      variant={v.status === 'overdue' || v.status === 'missed' ? 'filled' : 'light'}
                    >
                      {VISIT_TEXT[v.status] ?? v.status}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )
      }
    </QueryState>
  );
}
