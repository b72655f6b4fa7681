import { useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Card,
  Group,
  NativeSelect,
  PasswordInput,
  Radio,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { attestationQuestions, useProtocol } from '../../api/protocol.js';
import {
  useConfirmEligibility,
  useRandomize,
  useRecordConsent,
  type ConsentInput,
} from '../../api/participants.js';
import type { ParticipantDetail } from '../../api/types.js';
import { useSession } from '../../auth/session-context.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate, formatDateTime } from '../../lib/format-time.js';
import { can } from '../../lib/roles.js';

/** The meaning of the investigator's signature (21 CFR 11.50: name, time and meaning). */
export const ELIGIBILITY_MEANING =
  'I confirm that I have checked every eligibility criterion for this participant and that the participant is eligible.';

function ConsentForm({ detail }: { detail: ParticipantDetail }): ReactNode {
  const consent = useRecordConsent(detail.participant.id);
  const [givenBy, setGivenBy] = useState<ConsentInput['givenBy']>('patient');
  const [date, setDate] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        consent.mutate({ givenBy, consentDate: date });
      }}
    >
      <Group align="end">
        <NativeSelect
          label="Consent given by"
          value={givenBy}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (v === 'patient' || v === 'relative' || v === 'legal_representative') setGivenBy(v);
          }}
          data={[
            { value: 'patient', label: 'the patient' },
            { value: 'relative', label: 'a relative or trusted person' },
            { value: 'legal_representative', label: 'a legal representative' },
          ]}
        />
        <TextInput
          type="date"
          label="Date of consent"
          required
          value={date}
          onChange={(e) => {
            setDate(e.currentTarget.value);
          }}
        />
        <Button type="submit" loading={consent.isPending} disabled={date === ''}>
          Record consent
        </Button>
      </Group>
      {consent.isError ? <ErrorAlert error={consent.error} title="Could not record consent" /> : null}
    </form>
  );
}

function EligibilityForm({ detail, trialId }: { detail: ParticipantDetail; trialId: string }): ReactNode {
  const protocol = useProtocol(trialId);
  const confirm = useConfirmEligibility(detail.participant.id);
  const [answers, setAnswers] = useState<Record<string, boolean>>({});
  const [password, setPassword] = useState('');
  const questions = protocol.data === undefined ? [] : attestationQuestions(protocol.data.protocol);
  const complete = questions.every((q) => answers[q.id] !== undefined);
  if (protocol.isError) return <ErrorAlert error={protocol.error} title="Could not load the protocol" />;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        confirm.mutate({ answers, password, meaning: ELIGIBILITY_MEANING });
      }}
    >
      <Stack gap="sm">
        <Text size="sm">
          Answer each question that only a person can attest, then sign with your password.
        </Text>
        {questions.map((q) => (
          <Radio.Group
            key={q.id}
            name={`attest-${q.id}`}
            label={`${q.id} (${q.kind}): ${q.label}`}
            description={q.text}
            value={answers[q.id] === undefined ? '' : answers[q.id] ? 'yes' : 'no'}
            onChange={(v) => {
              setAnswers((a) => ({ ...a, [q.id]: v === 'yes' }));
            }}
            required
          >
            <Group mt={4}>
              <Radio value="yes" label="Yes" />
              <Radio value="no" label="No" />
            </Group>
          </Radio.Group>
        ))}
        <Alert color="blue" variant="light" title="Meaning of your signature">
          {ELIGIBILITY_MEANING}
        </Alert>
        <PasswordInput
          label="Your password (electronic signature)"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => {
            setPassword(e.currentTarget.value);
          }}
          maw={360}
        />
        <Group>
          <Button type="submit" loading={confirm.isPending} disabled={!complete || password === ''}>
            Sign eligibility confirmation
          </Button>
        </Group>
        {confirm.isError ? <ErrorAlert error={confirm.error} title="Could not confirm eligibility" /> : null}
      </Stack>
    </form>
  );
}

function RandomizeButton({ detail }: { detail: ParticipantDetail }): ReactNode {
  const randomize = useRandomize(detail.participant.id);
  const [asked, setAsked] = useState(false);
  return (
    <Stack gap="xs">
      {asked ? (
        <Alert color="yellow" title="Randomize this participant?">
          Randomization cannot be undone. The participant gets the next allocation and a kit number.
          <Group mt="sm">
            <Button loading={randomize.isPending} onClick={() => randomize.mutate()}>
              Yes, randomize
            </Button>
            <Button variant="default" onClick={() => setAsked(false)}>
              Cancel
            </Button>
          </Group>
        </Alert>
      ) : (
        <Group>
          <Button onClick={() => setAsked(true)}>Randomize</Button>
        </Group>
      )}
      {randomize.isError ? <ErrorAlert error={randomize.error} title="Could not randomize" /> : null}
    </Stack>
  );
}

/** Consent, eligibility confirmation (attestations and e-signature) and randomization, in that order. */
export function EnrolmentPanel({
  detail,
  trialId,
  timeZone,
}: {
  detail: ParticipantDetail;
  trialId: string;
  timeZone: string;
}): ReactNode {
  const session = useSession();
  const siteId = detail.participant.siteId;
  const { consent, eligibility, randomization } = detail;
  return (
    <Stack>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          1. Consent
        </Title>
        {consent !== null ? (
          <Text>
            Consent given by {consent.givenBy.replace(/_/g, ' ')} on {formatDate(consent.consentDate)}.
          </Text>
        ) : can(session, 'enrol', trialId, siteId) ? (
          <ConsentForm detail={detail} />
        ) : (
          <Text c="dimmed">Not recorded yet.</Text>
        )}
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          2. Eligibility confirmation
        </Title>
        {eligibility !== null ? (
          <Text>
            {eligibility.eligible ? 'Confirmed eligible' : 'Confirmed NOT eligible'} by{' '}
            {eligibility.signerName} on {formatDateTime(eligibility.signedAt, timeZone)}.
          </Text>
        ) : consent === null ? (
          <Text c="dimmed">Record consent first.</Text>
        ) : can(session, 'confirmEligibility', trialId, siteId) ? (
          <EligibilityForm detail={detail} trialId={trialId} />
        ) : (
          <Text c="dimmed">Waiting for an investigator to confirm eligibility.</Text>
        )}
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          3. Randomization
        </Title>
        {randomization !== null ? (
          <Stack gap={4}>
            <Text>
              Randomized on {formatDateTime(randomization.randomizedAt, timeZone)}
              {randomization.randomizationNumber === null
                ? ''
                : `, number ${randomization.randomizationNumber}`}
              .
            </Text>
            <Text size="lg">
              Kit number: <strong data-testid="kit-number">{randomization.kitNumber ?? 'none'}</strong>
            </Text>
            {randomization.arm === undefined ? null : (
              <Text size="lg" data-testid="arm">
                Arm: <strong>{randomization.arm}</strong>
              </Text>
            )}
          </Stack>
        ) : eligibility?.eligible !== true ? (
          <Text c="dimmed">Eligibility must be confirmed first.</Text>
        ) : can(session, 'randomize', trialId, siteId) ? (
          <RandomizeButton detail={detail} />
        ) : (
          <Text c="dimmed">Not randomized yet.</Text>
        )}
      </Card>
    </Stack>
  );
}
