import { useState, type ReactNode } from 'react';
import { Badge, Button, Card, NativeSelect, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useDeviations, useRecordDeviation } from '../../api/participants.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { QueryState } from '../../components/QueryState.js';
import { formatDateTime } from '../../lib/format-time.js';

/**
 * Kinds a person records by hand; the server takes any `a_z_` code (2–40 letters), and its automatic kinds
 * (dose_out_of_window, dose_missed) come from the dosing calendar.
 */
export const DEVIATION_KINDS: readonly { value: string; label: string }[] = [
  { value: 'dose_error', label: 'Dosing error (wrong dose, route or kit)' },
  { value: 'visit_out_of_window', label: 'Visit or assessment out of window' },
  { value: 'procedure_not_done', label: 'Procedure or sample not done' },
  { value: 'eligibility', label: 'Eligibility criterion not met at enrolment' },
  { value: 'consent', label: 'Consent process' },
  { value: 'blinding', label: 'Blinding' },
  { value: 'other', label: 'Other' },
];

const AUTOMATIC_KINDS: Readonly<Record<string, string>> = {
  dose_out_of_window: 'Dose given out of window',
  dose_missed: 'Dose missed',
};

/** A deviation kind as people read it. */
function kindText(kind: string): string {
  return (
    AUTOMATIC_KINDS[kind] ?? DEVIATION_KINDS.find((k) => k.value === kind)?.label ?? kind.replace(/_/g, ' ')
  );
}

/** The server marks deviations found by the dosing calendar `auto`, and those recorded here `manual`. */
function OriginBadge({ origin }: { origin: string }): ReactNode {
  return origin === 'manual' ? (
    <Badge variant="light" color="gray">
      recorded by hand
    </Badge>
  ) : (
    <Badge variant="light" color="blue">
      {origin === 'auto' ? 'automatic' : origin}
    </Badge>
  );
}

const DESCRIPTION_MAX = 2000;

function DeviationForm({ participantId }: { participantId: string }): ReactNode {
  const record = useRecordDeviation(participantId);
  const [kind, setKind] = useState('');
  const [description, setDescription] = useState('');
  return (
    <Card withBorder maw={640}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          record.mutate(
            { kind, description: description.trim() },
            {
              onSuccess: () => {
                setKind('');
                setDescription('');
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            Record a deviation
          </Title>
          <NativeSelect
            label="Kind"
            required
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value)}
            data={[{ value: '', label: 'Choose…', disabled: true }, ...DEVIATION_KINDS]}
          />
          <Textarea
            label="What happened"
            description="When, what differed from the protocol, and what was done"
            required
            minRows={3}
            maxLength={DESCRIPTION_MAX}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          {record.isError ? <ErrorAlert error={record.error} title="The deviation was not recorded" /> : null}
          <Button
            type="submit"
            disabled={kind === '' || description.trim() === ''}
            loading={record.isPending}
            style={{ alignSelf: 'start' }}
          >
            Record deviation
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

/**
 * The participant's protocol deviations (found by the dosing calendar or recorded by hand), with times at the
 * site, and a form for the site's coordinators and investigators to record one.
 */
export function DeviationsPanel({
  participantId,
  timeZone,
  canRecord,
}: {
  participantId: string;
  timeZone: string;
  canRecord: boolean;
}): ReactNode {
  const deviations = useDeviations(participantId);
  return (
    <Stack>
      <QueryState query={deviations} what="the deviations">
        {(rows) =>
          rows.length === 0 ? (
            <Text>No protocol deviation recorded.</Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>When</Table.Th>
                    <Table.Th>Kind</Table.Th>
                    <Table.Th>Description</Table.Th>
                    <Table.Th>Origin</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((d) => (
                    <Table.Tr key={d.id} data-testid={`deviation-${d.id}`}>
                      <Table.Td>{formatDateTime(d.at, timeZone)}</Table.Td>
                      <Table.Td>{kindText(d.kind)}</Table.Td>
                      <Table.Td>{d.description}</Table.Td>
                      <Table.Td>
                        <OriginBadge origin={d.origin} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      {canRecord ? <DeviationForm participantId={participantId} /> : null}
    </Stack>
  );
}
