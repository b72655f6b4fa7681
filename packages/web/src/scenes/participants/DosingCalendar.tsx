import { useState, type ReactNode } from 'react';
import { Badge, Button, Group, NativeSelect, Popover, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDoses, useRecordDose } from '../../api/participants.js';
import type { Dose } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { QueryState } from '../../components/QueryState.js';
import { formatDateTime } from '../../lib/format-time.js';
import { GivenAtButton } from './GivenAtButton.js';

const STATUS_COLOUR: Record<string, string> = {
  given: 'green',
  held: 'orange',
  missed: 'red',
  planned: 'gray',
};

function NotGivenButton({ dose, participantId }: { dose: Dose; participantId: string }): ReactNode {
  const record = useRecordDose(participantId);
  const [status, setStatus] = useState<'held' | 'missed'>('held');
  const [reason, setReason] = useState('');
  const [opened, setOpened] = useState(false);
  return (
    <Popover opened={opened} onChange={setOpened} trapFocus position="bottom-end" withArrow>
      <Popover.Target>
        <Button size="xs" variant="default" onClick={() => setOpened((o) => !o)}>
          Not given…
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            record.mutate(
              { doseId: dose.id, status, reason: reason.trim() },
              { onSuccess: () => setOpened(false) },
            );
          }}
        >
          <Stack gap="xs" w={280}>
            <NativeSelect
              label="What happened"
              value={status}
              onChange={(e) => setStatus(e.currentTarget.value === 'missed' ? 'missed' : 'held')}
              data={[
                { value: 'held', label: 'Held (withheld on purpose)' },
                { value: 'missed', label: 'Missed' },
              ]}
            />
            <TextInput
              label="Reason"
              required
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
            <Button type="submit" size="xs" disabled={reason.trim() === ''} loading={record.isPending}>
              Record
            </Button>
            {record.isError ? <ErrorAlert error={record.error} title="Not recorded" /> : null}
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}

function GivenButton({
  dose,
  participantId,
  now,
}: {
  dose: Dose;
  participantId: string;
  now: () => number;
}): ReactNode {
  const record = useRecordDose(participantId);
  return (
    <Stack gap={2}>
      <Button
        size="xs"
        loading={record.isPending}
        aria-label={`Given: dose ${dose.doseNo} of ${doseName(dose)}`}
        onClick={() => {
          record.mutate({ doseId: dose.id, status: 'given', givenAt: new Date(now()).toISOString() });
        }}
      >
        Given
      </Button>
      {record.isError ? <ErrorAlert error={record.error} title="Not recorded" /> : null}
    </Stack>
  );
}

function doseName(d: Dose): string {
  return d.label ?? d.regimenId ?? 'dose';
}

const STATE_TEXT: Record<string, { text: string; colour: string }> = {
  due: { text: 'due now', colour: 'blue' },
  missed: { text: 'overdue', colour: 'red' },
  out_of_window: { text: 'out of window', colour: 'orange' },
};

function StateBadge({ state }: { state: string | undefined }): ReactNode {
  const shown = state === undefined ? undefined : STATE_TEXT[state];
  if (shown === undefined) return null;
  return (
    <Badge color={shown.colour} variant="filled">
      {shown.text}
    </Badge>
  );
}

function windowText(d: Dose, timeZone: string): string {
  if (
    d.windowStart === undefined ||
    d.windowStart === null ||
    d.windowEnd === undefined ||
    d.windowEnd === null
  ) {
    return '';
  }
  return `${formatDateTime(d.windowStart, timeZone)} – ${formatDateTime(d.windowEnd, timeZone)}`;
}

/**
 * The dosing calendar: each scheduled dose with its window, a one-click "given" (now), "given at…" for a time
 * recorded after the fact, and a reason when not given. Deviations are on their own tab (DeviationsPanel).
 */
export function DosingCalendar({
  participantId,
  timeZone,
  canRecord,
  now = Date.now,
}: {
  participantId: string;
  timeZone: string;
  canRecord: boolean;
  /** The clock, in ms since the epoch (tests pin it). */
  now?: () => number;
}): ReactNode {
  const doses = useDoses(participantId);
  return (
    <Stack gap={0}>
      <QueryState query={doses} what="the dosing calendar">
        {(rows) =>
          rows.length === 0 ? (
            <Text>No dose scheduled: the calendar starts at randomization.</Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Dose</Table.Th>
                    <Table.Th>Scheduled (window)</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Action</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((d) => (
                    <Table.Tr key={d.id} data-testid={`dose-${d.id}`}>
                      <Table.Td>
                        {doseName(d)} #{d.doseNo}
                        {d.studyDay === undefined ? null : (
                          <Text size="xs" c="dimmed">
                            day {d.studyDay}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {formatDateTime(d.scheduledAt, timeZone)}
                        <Text size="xs" c="dimmed">
                          {windowText(d, timeZone)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <Badge color={STATUS_COLOUR[d.status] ?? 'gray'} variant="light">
                            {d.status}
                          </Badge>
                          <StateBadge state={d.state} />
                        </Group>
                        {d.givenAt === undefined || d.givenAt === null ? null : (
                          <Text size="xs">at {formatDateTime(d.givenAt, timeZone)}</Text>
                        )}
                        {d.reason === undefined || d.reason === null ? null : (
                          <Text size="xs">{d.reason}</Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {canRecord && d.status === 'planned' ? (
                          <Group gap="xs" wrap="nowrap" align="start">
                            <GivenButton dose={d} participantId={participantId} now={now} />
                            <GivenAtButton
                              dose={d}
                              doseName={doseName(d)}
                              participantId={participantId}
                              timeZone={timeZone}
                              now={now}
                            />
                            <NotGivenButton dose={d} participantId={participantId} />
                          </Group>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
    </Stack>
  );
}
