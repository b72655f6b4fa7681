import type { ReactNode } from 'react';
import { Badge, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import type { CriterionResult, EligibilityResult, Kleene } from '../api/types.js';
import { formatDateTime } from '../lib/format-time.js';

const RESULT_TEXT: Record<Kleene, string> = { met: 'met', not_met: 'not met', unknown: 'unknown' };

/** Whether a criterion's result counts for or against eligibility (an exclusion that is met excludes). */
function verdict(c: CriterionResult): 'pass' | 'fail' | 'unknown' {
  if (c.result === 'unknown') return 'unknown';
  const met = c.result === 'met';
  return met === (c.kind === 'inclusion') ? 'pass' : 'fail';
}

const VERDICT_COLOUR = { pass: 'green.9', fail: 'red.9', unknown: 'yellow.9' } as const;

/** A status badge: eligible, not eligible or incomplete. */
export function StatusBadge({ status }: { status: EligibilityResult['status'] }): ReactNode {
  const colour = status === 'eligible' ? 'green' : status === 'ineligible' ? 'red' : 'yellow';
  const text = status === 'eligible' ? 'Eligible' : status === 'ineligible' ? 'Not eligible' : 'Incomplete';
  return (
    <Badge color={colour} variant="filled" size="lg" {...(colour === 'yellow' ? { c: 'dark' } : {})}>
      {text}
    </Badge>
  );
}

function EvidenceList({ c, timeZone }: { c: CriterionResult; timeZone: string }): ReactNode {
  if (c.evidence.length === 0)
    return (
      <Text size="sm" c="dimmed">
        no data
      </Text>
    );
  return (
    <List size="sm" spacing={2}>
      {c.evidence.map((e, i) => (
        <List.Item key={`${e.reference}-${i}`}>
          {e.value === undefined ? (
            ''
          ) : (
            <strong>{`${String(e.value)}${e.unit === undefined ? '' : ` ${e.unit}`}`}</strong>
          )}
          {e.time === undefined ? '' : ` at ${formatDateTime(e.time, timeZone)}`}{' '}
          <Text span size="xs" c="dimmed">
            ({e.reference})
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

/** Props of {@link EligibilityReport}. */
export interface EligibilityReportProps {
  readonly result: Pick<EligibilityResult, 'criteria'> & Partial<EligibilityResult>;
  /** The site's zone: evidence times are shown in it. */
  readonly timeZone: string;
}

/**
 * Every criterion with its result, reason and evidence (values with their times), and the missing data as what
 * to measure next; the ImmunoSep stratum and dosing deadline when the protocol has them.
 */
export function EligibilityReport({ result, timeZone }: EligibilityReportProps): ReactNode {
  const missing = result.criteria.filter((c) => c.result === 'unknown');
  return (
    <Stack gap="sm">
      <Group gap="md">
        {result.status === undefined ? null : <StatusBadge status={result.status} />}
        {result.stratum === undefined ? null : (
          <Text>
            Stratum: <strong>{result.stratum}</strong>
          </Text>
        )}
        {result.dosingDeadline === undefined || result.dosingDeadline === null ? null : (
          <Text>First dose before {formatDateTime(result.dosingDeadline, timeZone)}</Text>
        )}
      </Group>
      {missing.length === 0 ? null : (
        <div>
          <Title order={3} size="h5">
            What to measure or ask next
          </Title>
          <List size="sm">
            {missing.map((c) => (
              <List.Item key={c.id}>
                <strong>{c.id}</strong>
                {c.text === undefined ? '' : ` (${c.text})`}: {c.reason}
              </List.Item>
            ))}
          </List>
        </div>
      )}
      <Table.ScrollContainer minWidth={640}>
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Criterion</Table.Th>
              <Table.Th>Result</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th>Evidence</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.criteria.map((c) => (
              <Table.Tr key={c.id} data-testid={`criterion-${c.id}`}>
                <Table.Td>
                  <strong>{c.id}</strong>{' '}
                  <Text span size="xs" c="dimmed">
                    {c.kind}
                  </Text>
                  {c.text === undefined ? null : <Text size="xs">{c.text}</Text>}
                </Table.Td>
                <Table.Td>
                  <Text fw={600} c={VERDICT_COLOUR[verdict(c)]} style={{ whiteSpace: 'nowrap' }}>
                    {RESULT_TEXT[c.result]}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{c.reason}</Text>
                </Table.Td>
                <Table.Td>
                  <EvidenceList c={c} timeZone={timeZone} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
