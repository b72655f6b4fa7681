import { useState, type ReactNode } from 'react';
import { Badge, Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { useAnswerQuery, useCloseQuery, useQueries } from '../../api/participants.js';
import type { DataQuery } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { QueryState } from '../../components/QueryState.js';
import { formatDateTime } from '../../lib/format-time.js';

function AnswerForm({ query, participantId }: { query: DataQuery; participantId: string }): ReactNode {
  const answer = useAnswerQuery(participantId);
  const [text, setText] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        answer.mutate({ queryId: query.id, answer: text.trim() }, { onSuccess: () => setText('') });
      }}
    >
      <Group align="end">
        <TextInput
          label="Answer"
          required
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          style={{ flex: 1 }}
          maw={520}
        />
        <Button type="submit" disabled={text.trim() === ''} loading={answer.isPending}>
          Send answer
        </Button>
      </Group>
      {answer.isError ? <ErrorAlert error={answer.error} title="The answer was not sent" /> : null}
    </form>
  );
}

/** The participant's data queries: open ones answered by the site, answered ones closed by the monitor. */
export function QueriesPanel({
  participantId,
  timeZone,
  canAnswer,
  canClose,
}: {
  participantId: string;
  timeZone: string;
  canAnswer: boolean;
  canClose: boolean;
}): ReactNode {
  const queries = useQueries(participantId);
  const close = useCloseQuery(participantId);
  return (
    <QueryState query={queries} what="the queries">
      {(rows) => (
        <Stack>
          {rows.length === 0 ? <Text>No query.</Text> : null}
          {rows.map((q) => (
            <Card key={q.id} withBorder data-testid={`query-${q.id}`}>
              <Stack gap="xs">
                <Group gap="xs">
                  <Badge color={q.status === 'open' ? 'red' : q.status === 'answered' ? 'blue' : 'gray'}>
                    {q.status}
                  </Badge>
                  <Text size="sm" c="dimmed">
                    {q.formId ?? ''} {q.field ?? ''} · {q.origin} · opened{' '}
                    {formatDateTime(q.openedAt, timeZone)}
                  </Text>
                </Group>
                <Text>{q.text}</Text>
                {q.answer === null ? null : (
                  <Text size="sm">
                    <strong>Answer:</strong> {q.answer}
                  </Text>
                )}
                {q.status === 'open' && canAnswer ? (
                  <AnswerForm query={q} participantId={participantId} />
                ) : null}
                {q.status === 'answered' && canClose ? (
                  <Group>
                    <Button size="xs" variant="light" onClick={() => close.mutate({ queryId: q.id })}>
                      Close query
                    </Button>
                  </Group>
                ) : null}
              </Stack>
            </Card>
          ))}
          {close.isError ? <ErrorAlert error={close.error} title="The query was not closed" /> : null}
        </Stack>
      )}
    </QueryState>
  );
}
