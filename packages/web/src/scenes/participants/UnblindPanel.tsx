import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, PasswordInput, Stack, Text, Textarea, Title } from '@mantine/core';
import { useUnblind, type UnblindResult } from '../../api/participants.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDateTime } from '../../lib/format-time.js';

/**
 * Emergency unblinding of one participant: a clear warning, a reason, the investigator's password, and then the
 * arm of this participant only.
 */
export function UnblindPanel({
  participantId,
  timeZone,
}: {
  participantId: string;
  timeZone: string;
}): ReactNode {
  const unblind = useUnblind(participantId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [password, setPassword] = useState('');
  const [result, setResult] = useState<UnblindResult | null>(null);

  if (result !== null) {
    return (
      <Alert color="red" variant="filled" title="Emergency unblinding" role="status">
        <Text data-testid="unblinded-arm" fw={700} size="lg">
          Arm: {result.armLabel ?? result.arm}
        </Text>
        {result.kitNumber === undefined || result.kitNumber === null ? null : (
          <Text>Kit {result.kitNumber}</Text>
        )}
        <Text size="sm">
          Unblinded at {formatDateTime(result.unblindedAt, timeZone)}. This is recorded and reported to the
          sponsor.
        </Text>
      </Alert>
    );
  }
  if (!open) {
    return (
      <Button color="red" variant="outline" onClick={() => setOpen(true)}>
        Emergency unblinding…
      </Button>
    );
  }
  return (
    <Card withBorder style={{ borderColor: 'var(--mantine-color-red-8)' }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          unblind.mutate({ reason: reason.trim(), password }, { onSuccess: setResult });
        }}
      >
        <Stack>
          <Title order={2} size="h4" c="red.9">
            Emergency unblinding
          </Title>
          <Alert color="red" title="Only when the treatment must be known to care for this patient">
            Unblinding reveals this participant&apos;s arm to you. It cannot be undone, is recorded with your
            name and reason, and appears in the unblinding report. Other participants stay blinded.
          </Alert>
          <Textarea
            label="Reason"
            description="The clinical reason the arm must be known"
            required
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <PasswordInput
            label="Your password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            maw={360}
          />
          {unblind.isError ? <ErrorAlert error={unblind.error} title="Not unblinded" /> : null}
          <Stack gap="xs" align="start">
            <Button
              type="submit"
              color="red"
              disabled={reason.trim() === '' || password === ''}
              loading={unblind.isPending}
            >
              Unblind this participant
            </Button>
            <Button variant="default" onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </Stack>
        </Stack>
      </form>
    </Card>
  );
}
