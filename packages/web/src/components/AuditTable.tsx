import type { ReactNode } from 'react';
import { Table, Text } from '@mantine/core';
import type { AuditEvent } from '../api/types.js';
import { formatDateTime } from '../lib/format-time.js';

/** An audit value as text: JSON for objects, empty for none. */
export function auditValueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** A value of an audit event: short values in full, long ones clamped (the full text on hover and in the CSV). */
function AuditValue({ value, masked }: { value: unknown; masked: boolean }): ReactNode {
  if (masked) return <em>withheld (blinded)</em>;
  const text = auditValueText(value);
  return (
    <Text size="xs" ff="monospace" lineClamp={4} title={text} style={{ overflowWrap: 'anywhere' }}>
      {text}
    </Text>
  );
}

/** Audit events, newest first as given: who, when, what, old and new value, reason. */
export function AuditTable({
  events,
  timeZone,
}: {
  events: readonly AuditEvent[];
  timeZone: string;
}): ReactNode {
  if (events.length === 0) return <Text>No audit event matches.</Text>;
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>When</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Entity</Table.Th>
            <Table.Th>Field</Table.Th>
            <Table.Th>Old value</Table.Th>
            <Table.Th>New value</Table.Th>
            <Table.Th>Reason</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((e) => (
            <Table.Tr key={e.seq}>
              <Table.Td>{e.seq}</Table.Td>
              <Table.Td style={{ minWidth: 150 }}>{formatDateTime(e.at, timeZone)}</Table.Td>
              <Table.Td>
                {e.actorName}
                {e.role === null ? '' : ` (${e.role})`}
              </Table.Td>
              <Table.Td>{e.action}</Table.Td>
              <Table.Td>
                {e.entity}{' '}
                <Text span size="xs" c="dimmed">
                  {e.entityId}
                </Text>
              </Table.Td>
              <Table.Td>{e.field ?? ''}</Table.Td>
              <Table.Td style={{ minWidth: 160, maxWidth: 280 }}>
                <AuditValue value={e.oldValue} masked={e.masked === true} />
              </Table.Td>
              <Table.Td style={{ minWidth: 160, maxWidth: 280 }}>
                <AuditValue value={e.newValue} masked={e.masked === true} />
              </Table.Td>
              <Table.Td>{e.reason ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
