import type { ReactNode } from 'react';
import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTrials } from '../api/trials.js';
import { QueryState } from '../components/QueryState.js';

/** The first page after sign-in: the trials the user has a role in. */
export function TrialsPage(): ReactNode {
  const trials = useTrials();
  return (
    <Stack>
      <Title order={1} size="h2">
        Your trials
      </Title>
      <QueryState query={trials} what="your trials">
        {(rows) =>
          rows.length === 0 ? (
            <Text>You have no role in any trial yet. Ask your trial unit&apos;s administrator.</Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {rows.map((t) => (
                <Card key={t.id} withBorder>
                  <Anchor component={Link} to={`/trials/${t.id}`} fw={700} size="lg">
                    {t.acronym}
                  </Anchor>
                  <Text size="sm">{t.title}</Text>
                </Card>
              ))}
            </SimpleGrid>
          )
        }
      </QueryState>
    </Stack>
  );
}
