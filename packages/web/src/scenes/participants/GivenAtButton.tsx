import { useState, type ReactNode } from 'react';
import { Button, Popover, Stack, Text, TextInput } from '@mantine/core';
import { useRecordDose } from '../../api/participants.js';
import type { Dose } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { localToUtc, utcToLocal } from '../../lib/format-time.js';

/**
 * The UTC instant of an administration time typed at the site, or why it cannot be sent. The server decides
 * whether it falls in the dose's window; here it must only be a time, and not a future one.
 * @param local - `YYYY-MM-DDTHH:mm` from a `datetime-local` field, at the site.
 * @param timeZone - IANA zone of the site.
 * @param nowMs - The current instant, in ms since the epoch.
 * @example administrationTime('2026-03-18T09:30', 'Europe/Paris', Date.parse('2026-03-18T12:00Z'))
 *   // => { givenAt: '2026-03-18T08:30:00.000Z' }
 */
export function administrationTime(
  local: string,
  timeZone: string,
  nowMs: number,
): { givenAt: string } | { problem: string } {
  const givenAt = localToUtc(local, timeZone);
  if (givenAt === undefined) return { problem: 'Enter the date and time of administration.' };
  if (Date.parse(givenAt) > nowMs) return { problem: 'The time of administration cannot be in the future.' };
  return { givenAt };
}

/**
 * "Given at…": records a dose as given at a time the nurse types (site time), for an administration
 * recorded after the fact. The calendar then shows the state the server derives (on time or out of window).
 */
export function GivenAtButton({
  dose,
  doseName,
  participantId,
  timeZone,
  now,
}: {
  dose: Dose;
  doseName: string;
  participantId: string;
  timeZone: string;
  now: () => number;
}): ReactNode {
  const record = useRecordDose(participantId);
  const [opened, setOpened] = useState(false);
  const [local, setLocal] = useState('');
  const nowLocal = utcToLocal(new Date(now()).toISOString(), timeZone);
  const time = administrationTime(local, timeZone, now());
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      trapFocus
      position="bottom-end"
      withArrow
      onOpen={() => setLocal(nowLocal)}
    >
      <Popover.Target>
        <Button
          size="xs"
          variant="light"
          aria-label={`Given at…: dose ${dose.doseNo} of ${doseName}`}
          onClick={() => setOpened((o) => !o)}
        >
          Given at…
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!('givenAt' in time)) return;
            record.mutate(
              { doseId: dose.id, status: 'given', givenAt: time.givenAt },
              { onSuccess: () => setOpened(false) },
            );
          }}
        >
          <Stack gap="xs" w={280}>
            <TextInput
              type="datetime-local"
              label="Given at"
              description={`Site time (${timeZone})`}
              required
              max={nowLocal}
              value={local}
              onChange={(e) => setLocal(e.currentTarget.value)}
              error={local !== '' && 'problem' in time ? time.problem : undefined}
            />
            {local === '' ? (
              <Text size="xs" c="dimmed">
                Enter the date and time of administration.
              </Text>
            ) : null}
            <Button type="submit" size="xs" disabled={!('givenAt' in time)} loading={record.isPending}>
              Record as given
            </Button>
            {record.isError ? <ErrorAlert error={record.error} title="Not recorded" /> : null}
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
