import type { ReactNode } from 'react';
import { Card, Table, Text, Title } from '@mantine/core';
import type { LengthOfStay } from '../../api/trial-admin.js';

/** Days with one decimal: a length of stay is computed to the minute, not rounded to days. */
const days = (d: number): string => d.toFixed(1);

/**
 * One length-of-stay endpoint as a table, a row per group (pooled, or per arm when unblinded): how many
 * were discharged alive with the median and quartiles of their stay, and beside them the deaths in the unit
 * (counted, never given a length of stay), those still in the unit at the horizon and those whose admission
 * time is missing.
 */
export function LengthOfStayTable({ analysis }: { analysis: LengthOfStay }): ReactNode {
  const a = analysis;
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {a.label} {a.blinded ? '(pooled)' : '(by arm)'}
      </Title>
      <Table aria-label={`${a.label}: length of stay`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Group</Table.Th>
            <Table.Th ta="right">n</Table.Th>
            <Table.Th ta="right">Discharged alive</Table.Th>
            <Table.Th ta="right">Median (Q1–Q3), {a.timeUnit}</Table.Th>
            <Table.Th ta="right">Died in unit</Table.Th>
            <Table.Th ta="right">Still in unit</Table.Th>
            <Table.Th ta="right">Admission unknown</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {a.groups.map((g) => (
            <Table.Tr key={g.label}>
              <Table.Td>{g.label}</Table.Td>
              <Table.Td ta="right">{g.n}</Table.Td>
              <Table.Td ta="right">{g.dischargedAlive}</Table.Td>
              <Table.Td ta="right">
                {g.days === null ? '–' : `${days(g.days.median)} (${days(g.days.q1)}–${days(g.days.q3)})`}
              </Table.Td>
              <Table.Td ta="right">{g.diedInUnit}</Table.Td>
              <Table.Td ta="right">{g.stillInUnit}</Table.Td>
              <Table.Td ta="right">{g.admissionUnknown}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="xs">
        (discharge − admission) / 24 h among those discharged alive by day {a.horizonDays} after
        randomization; deaths in the unit are counted, not given a length of stay.
      </Text>
    </Card>
  );
}
