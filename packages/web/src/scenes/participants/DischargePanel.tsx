import { useState, type ReactNode } from 'react';
import { Button, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useRecordDischarge } from '../../api/participants.js';
import type { ParticipantSummary } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDateTime, utcToLocal } from '../../lib/format-time.js';
import { dischargeRequest, draftOf, type RecordedDischarges } from './discharge-request.js';

function recordedOf(p: ParticipantSummary): RecordedDischarges {
  return { icuDischargedAt: p.icuDischargedAt ?? null, hospitalDischargedAt: p.hospitalDischargedAt ?? null };
}

function Recorded({ recorded, timeZone }: { recorded: RecordedDischarges; timeZone: string }): ReactNode {
  const show = (iso: string | null): string =>
    iso === null ? 'not recorded' : formatDateTime(iso, timeZone);
  return (
    <Stack gap={2}>
      <Text size="sm" data-testid="icu-discharge">
        ICU discharge: {show(recorded.icuDischargedAt)}
      </Text>
      <Text size="sm" data-testid="hospital-discharge">
        Hospital discharge: {show(recorded.hospitalDischargedAt)}
      </Text>
    </Stack>
  );
}

function DischargeForm({
  p,
  timeZone,
  now,
}: {
  p: ParticipantSummary;
  timeZone: string;
  now: () => number;
}): ReactNode {
  const record = useRecordDischarge(p.id);
  const recorded = recordedOf(p);
  const [draft, setDraft] = useState(() => draftOf(recorded, timeZone));
  const request = dischargeRequest(draft, recorded, timeZone, now());
  const initial = draftOf(recorded, timeZone);
  // Changing or clearing a recorded time is a correction: the server asks for a reason.
  const correcting =
    (recorded.icuDischargedAt !== null && draft.icu !== initial.icu) ||
    (recorded.hospitalDischargedAt !== null && draft.hospital !== initial.hospital);
  const nowLocal = utcToLocal(new Date(now()).toISOString(), timeZone);
  const set = (patch: Partial<typeof draft>): void => {
    setDraft((d) => ({ ...d, ...patch }));
    record.reset();
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if ('input' in request) record.mutate(request.input);
      }}
    >
      <Stack gap="sm" maw={560}>
        <Group align="start">
          <TextInput
            type="datetime-local"
            label="ICU discharge"
            description={`Site time (${timeZone})`}
            max={nowLocal}
            value={draft.icu}
            onChange={(e) => set({ icu: e.currentTarget.value })}
          />
          <TextInput
            type="datetime-local"
            label="Hospital discharge"
            description={`Site time (${timeZone})`}
            max={nowLocal}
            value={draft.hospital}
            onChange={(e) => set({ hospital: e.currentTarget.value })}
          />
        </Group>
        {correcting ? (
          <Textarea
            label="Reason for the correction"
            description="A recorded discharge is changed only with a reason (kept in the audit trail)"
            required
            maxLength={1000}
            value={draft.reason}
            onChange={(e) => set({ reason: e.currentTarget.value })}
          />
        ) : null}
        {record.isError ? <ErrorAlert error={record.error} title="The discharge was not recorded" /> : null}
        <Group>
          <Button type="submit" disabled={!('input' in request)} loading={record.isPending}>
            {correcting ? 'Correct discharge' : 'Record discharge'}
          </Button>
          {'problem' in request && (draft.icu !== '' || draft.hospital !== '' || correcting) ? (
            <Text size="sm" c="dimmed">
              {request.problem}
            </Text>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}

/**
 * ICU and hospital discharge of a randomized participant: the recorded times in site time, and for the site's
 * coordinators and investigators a form to record them (site time, converted to UTC) or correct them with a
 * reason. The ICU discharge ends visits repeated until it (PLATINIUM's daily follow-up).
 */
export function DischargePanel({
  p,
  timeZone,
  canChange,
  now,
}: {
  p: ParticipantSummary;
  timeZone: string;
  canChange: boolean;
  now: () => number;
}): ReactNode {
  const recorded = recordedOf(p);
  return (
    <Stack gap="xs">
      <Title order={4}>Discharge</Title>
      <Recorded recorded={recorded} timeZone={timeZone} />
      {canChange ? (
        // A new key once the server answers, so the form starts again from the recorded values.
        <DischargeForm
          key={`${recorded.icuDischargedAt ?? ''} ${recorded.hospitalDischargedAt ?? ''}`}
          p={p}
          timeZone={timeZone}
          now={now}
        />
      ) : null}
    </Stack>
  );
}
