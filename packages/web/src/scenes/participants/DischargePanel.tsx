import { useState, type ReactNode } from 'react';
import { Button, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useRecordDischarge } from '../../api/participants.js';
import type { ParticipantSummary } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDateTime, utcToLocal } from '../../lib/format-time.js';
import {
  dischargeRequest,
  type DischargeDraft,
  draftOf,
  type RecordedDischarges,
  STAY_FIELDS,
} from './discharge-request.js';

function recordedOf(p: ParticipantSummary): RecordedDischarges {
  return {
    hospitalAdmittedAt: p.hospitalAdmittedAt ?? null,
    icuAdmittedAt: p.icuAdmittedAt ?? null,
    icuDischargedAt: p.icuDischargedAt ?? null,
    hospitalDischargedAt: p.hospitalDischargedAt ?? null,
  };
}

/** The field's label: "ICU discharge", "Hospital admission"… */
const labelOf = (what: string): string => what.charAt(0).toUpperCase() + what.slice(1);
/** Test ids: icu-discharge, hospital-discharge, icu-admission, hospital-admission. */
const TEST_ID = {
  hospitalAdmittedAt: 'hospital-admission',
  icuAdmittedAt: 'icu-admission',
  icuDischargedAt: 'icu-discharge',
  hospitalDischargedAt: 'hospital-discharge',
} as const;

function Recorded({ recorded, timeZone }: { recorded: RecordedDischarges; timeZone: string }): ReactNode {
  const show = (iso: string | null): string =>
    iso === null ? 'not recorded' : formatDateTime(iso, timeZone);
  return (
    <Stack gap={2}>
      {STAY_FIELDS.map((f) => (
        <Text key={f.key} size="sm" data-testid={TEST_ID[f.key]}>
          {labelOf(f.what)}: {show(recorded[f.key])}
        </Text>
      ))}
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
  const correcting = STAY_FIELDS.some((f) => recorded[f.key] !== null && draft[f.draft] !== initial[f.draft]);
  const typed = STAY_FIELDS.some((f) => draft[f.draft] !== '');
  const nowLocal = utcToLocal(new Date(now()).toISOString(), timeZone);
  const set = (patch: Partial<DischargeDraft>): void => {
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
        {/* Admissions on the first row, discharges on the second, hospital around ICU. */}
        {[STAY_FIELDS.slice(0, 2), STAY_FIELDS.slice(2)].map((row) => (
          <Group key={row[0]?.key} align="start">
            {row.map((f) => (
              <TextInput
                key={f.key}
                type="datetime-local"
                label={labelOf(f.what)}
                description={`Site time (${timeZone})`}
                max={nowLocal}
                value={draft[f.draft]}
                onChange={(e) => set({ [f.draft]: e.currentTarget.value })}
              />
            ))}
          </Group>
        ))}
        {correcting ? (
          <Textarea
            label="Reason for the correction"
            description="A recorded time is changed only with a reason (kept in the audit trail)"
            required
            maxLength={1000}
            value={draft.reason}
            onChange={(e) => set({ reason: e.currentTarget.value })}
          />
        ) : null}
        {record.isError ? <ErrorAlert error={record.error} title="The times were not recorded" /> : null}
        <Group>
          <Button type="submit" disabled={!('input' in request)} loading={record.isPending}>
            {correcting ? 'Correct times' : 'Record times'}
          </Button>
          {'problem' in request && (typed || correcting) ? (
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
 * ICU and hospital admission and discharge of a randomized participant: the recorded times in site time,
 * and for the site's coordinators and investigators a form to record them (site time, converted to UTC) or
 * correct them with a reason. The ICU discharge ends visits repeated until it (PLATINIUM's daily
 * follow-up); admission and discharge give the lengths of stay.
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
      <Title order={4}>Admission and discharge</Title>
      <Recorded recorded={recorded} timeZone={timeZone} />
      {canChange ? (
        // A new key once the server answers, so the form starts again from the recorded values.
        <DischargeForm
          key={STAY_FIELDS.map((f) => recorded[f.key] ?? '').join(' ')}
          p={p}
          timeZone={timeZone}
          now={now}
        />
      ) : null}
    </Stack>
  );
}
