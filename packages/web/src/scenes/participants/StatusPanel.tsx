import { useState, type ReactNode } from 'react';
import { Alert, Badge, Button, Group, Modal, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useChangeStatus, useParticipant, type StatusChangeInput } from '../../api/participants.js';
import type { ParticipantSummary } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { QueryState } from '../../components/QueryState.js';
import { dateInZone, formatDate } from '../../lib/format-time.js';
import { DischargePanel } from './DischargePanel.js';
import { WITHDRAWAL_DATA_OPTIONS } from './withdrawal-data.js';
import { DEATH_IN_FUTURE, EMPTY_DRAFT, statusRequest, type StatusDraft } from './status-request.js';
import { isIrreversible, manualStatusesOf, statusLabel, type ManualStatus } from './status-transitions.js';

const CHOICE_TEXT: Readonly<Record<ManualStatus, string>> = {
  on_treatment: 'On treatment',
  follow_up: 'Follow-up (treatment over)',
  completed: 'Completed the study',
  withdrawn: 'Withdrawn',
  dead: 'Died',
};

function isManualStatus(value: string, allowed: readonly ManualStatus[]): value is ManualStatus {
  return allowed.some((s) => s === value);
}

function CurrentStatus({ p }: { p: ParticipantSummary }): ReactNode {
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <Text>Current status:</Text>
        <Badge variant="filled" data-testid="current-status">
          {statusLabel(p.status)}
        </Badge>
      </Group>
      {p.deathDate === undefined || p.deathDate === null ? null : (
        <Text size="sm">Date of death: {formatDate(p.deathDate)}</Text>
      )}
      {p.statusReason === undefined || p.statusReason === null ? null : (
        <Text size="sm">Reason: {p.statusReason}</Text>
      )}
    </Stack>
  );
}

function StatusForm({
  p,
  timeZone,
  now,
}: {
  p: ParticipantSummary;
  timeZone: string;
  now: () => number;
}): ReactNode {
  const change = useChangeStatus(p.id);
  const allowed = manualStatusesOf(p.nextStatuses);
  const [status, setStatus] = useState<ManualStatus | ''>('');
  const [draft, setDraft] = useState<StatusDraft>(EMPTY_DRAFT);
  const [confirming, setConfirming] = useState(false);
  const today = dateInZone(now(), timeZone);
  if (allowed.length === 0) return <Text>No further status change is possible.</Text>;
  const request = status === '' ? { problem: 'Choose the new status.' } : statusRequest(status, draft, today);
  const set = (patch: Partial<StatusDraft>): void => setDraft((d) => ({ ...d, ...patch }));
  const send = (): void => {
    if (!('input' in request)) return;
    change.mutate(request.input, {
      onSuccess: () => {
        setStatus('');
        setDraft(EMPTY_DRAFT);
        setConfirming(false);
      },
      // The dialog closes so that the server's message shows in the form, next to what can be corrected.
      onError: () => setConfirming(false),
    });
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (status === '' || !('input' in request)) return;
        if (isIrreversible(status)) setConfirming(true);
        else send();
      }}
    >
      <Stack gap="sm" maw={560}>
        <Radio.Group
          name="new-status"
          label="Change status to"
          value={status}
          onChange={(v) => {
            if (isManualStatus(v, allowed)) setStatus(v);
            change.reset();
          }}
          required
        >
          <Stack gap={6} mt={4}>
            {allowed.map((s) => (
              <Radio key={s} value={s} label={CHOICE_TEXT[s]} />
            ))}
          </Stack>
        </Radio.Group>
        {status === 'withdrawn' ? (
          <>
            <Textarea
              label="Reason for withdrawal"
              required
              minRows={2}
              maxLength={1000}
              value={draft.reason}
              onChange={(e) => set({ reason: e.currentTarget.value })}
            />
            <Radio.Group
              name="data-after-withdrawal"
              label="Data that may still be collected"
              description="As agreed with the participant or their representative"
              value={draft.dataChoice}
              onChange={(v) => set({ dataChoice: v })}
              required
            >
              <Stack gap={6} mt={4}>
                {WITHDRAWAL_DATA_OPTIONS.map((o) => (
                  <Radio key={o.value} value={o.value} label={o.label} />
                ))}
              </Stack>
            </Radio.Group>
            {draft.dataChoice === 'other' ? (
              <Textarea
                label="What may still be collected"
                required
                maxLength={500}
                value={draft.dataOther}
                onChange={(e) => set({ dataOther: e.currentTarget.value })}
              />
            ) : null}
          </>
        ) : null}
        {status === 'dead' ? (
          <>
            <TextInput
              type="date"
              label="Date of death"
              description={`The date at the site (${timeZone}); not after ${formatDate(today)}`}
              required
              max={today}
              value={draft.deathDate}
              onChange={(e) => set({ deathDate: e.currentTarget.value })}
              error={draft.deathDate > today ? DEATH_IN_FUTURE : undefined}
              maw={240}
            />
            <Textarea
              label="Note (optional)"
              maxLength={1000}
              value={draft.reason}
              onChange={(e) => set({ reason: e.currentTarget.value })}
            />
          </>
        ) : null}
        {change.isError ? <ErrorAlert error={change.error} title="The status was not changed" /> : null}
        <Group>
          <Button type="submit" disabled={!('input' in request)} loading={change.isPending && !confirming}>
            {status === 'withdrawn'
              ? 'Record withdrawal…'
              : status === 'dead'
                ? 'Record death…'
                : 'Change status'}
          </Button>
          {'problem' in request && status !== '' ? (
            <Text size="sm" c="dimmed">
              {request.problem}
            </Text>
          ) : null}
        </Group>
      </Stack>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={status === 'dead' ? 'Record the death?' : 'Record the withdrawal?'}
        centered
      >
        <Stack>
          {'input' in request ? <ConfirmText input={request.input} /> : null}
          <Alert color="red" variant="light">
            This cannot be undone: no dose can be recorded afterwards, and the change is kept in the audit
            trail with your name.
          </Alert>
          <Group justify="end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button color="red" loading={change.isPending} onClick={send}>
              {status === 'dead' ? 'Confirm death' : 'Confirm withdrawal'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}

function ConfirmText({ input }: { input: StatusChangeInput }): ReactNode {
  if (input.status === 'withdrawn') {
    return (
      <Text size="sm">
        Withdraw this participant. Reason: {input.reason}. Data that may still be collected:{' '}
        {input.dataAfterWithdrawal}.
      </Text>
    );
  }
  if (input.status === 'dead')
    return <Text size="sm">Record the death on {formatDate(input.deathDate)}.</Text>;
  return null;
}

/**
 * The participant's status, and for the site's coordinators and investigators the changes the server allows
 * from it: on treatment, follow-up, completed, a withdrawal (reason and what data may still be collected) or a
 * death (date at the site, not in the future). Withdrawal and death are confirmed first: they cannot be undone.
 */
export function StatusPanel({
  participantId,
  timeZone,
  canChange,
  now = Date.now,
}: {
  participantId: string;
  timeZone: string;
  canChange: boolean;
  /** The clock, in ms since the epoch (tests pin it). */
  now?: () => number;
}): ReactNode {
  const detail = useParticipant(participantId);
  return (
    <QueryState query={detail} what="the participant">
      {(d) => (
        <Stack>
          <CurrentStatus p={d.participant} />
          {canChange ? (
            <StatusForm key={d.participant.status} p={d.participant} timeZone={timeZone} now={now} />
          ) : (
            <Text size="sm" c="dimmed">
              The site&apos;s coordinators and investigators change the status.
            </Text>
          )}
          {d.randomization === null ? null : (
            <DischargePanel p={d.participant} timeZone={timeZone} canChange={canChange} now={now} />
          )}
        </Stack>
      )}
    </QueryState>
  );
}
