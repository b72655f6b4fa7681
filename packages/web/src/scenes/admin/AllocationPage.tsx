import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useAllocationList, useGenerateAllocationList } from '../../api/trial-admin.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { QueryState } from '../../components/QueryState.js';
import { browserTimeZone, formatDateTime } from '../../lib/format-time.js';
import { useTrialId } from '../use-trial-id.js';

/** Allocation list generation by the unblinded statistician: from a secret seed, never displayed afterwards. */
export function AllocationPage(): ReactNode {
  const trialId = useTrialId();
  const state = useAllocationList(trialId);
  const generate = useGenerateAllocationList(trialId);
  const [seed, setSeed] = useState('');
  const [generatedSeed, setGeneratedSeed] = useState<string | null>(null);
  return (
    <Stack>
      <Title order={1} size="h2">
        Allocation list
      </Title>
      {generatedSeed === null ? null : (
        <Alert color="red" title="Write this seed down now: it is shown only once" role="status">
          <Text ff="monospace" data-testid="generated-seed">
            {generatedSeed}
          </Text>
          <Text size="sm">
            It reproduces the allocation sequence. Keep it offline, where only unblinded statisticians can
            reach it.
          </Text>
        </Alert>
      )}
      <QueryState query={state} what="the allocation list">
        {(s) =>
          s.generated ? (
            <Card withBorder>
              <Text>
                Generated{' '}
                {s.generatedAt === undefined ? '' : formatDateTime(s.generatedAt, browserTimeZone())}
                {s.method === undefined ? '' : ` by ${s.method}`}
                {s.protocolVersion === undefined ? '' : ` for protocol version ${s.protocolVersion}`}
                {s.usedSlots === undefined ? '' : `; ${s.usedSlots} slots used`}.
              </Text>
              {s.seedSha256 === undefined ? null : (
                <Text size="sm" c="dimmed">
                  SHA-256 of the seed: <code>{s.seedSha256}</code> (keep the seed itself offline: it
                  reproduces the list)
                </Text>
              )}
            </Card>
          ) : (
            <Card withBorder>
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  generate.mutate(
                    { seed },
                    {
                      onSuccess: () => {
                        setSeed('');
                      },
                    },
                  );
                }}
              >
                <Stack>
                  <Alert color="orange" title="Secret">
                    The seed reproduces the whole allocation sequence. Use a long random phrase, keep it where
                    only unblinded statisticians can reach it; it is never shown again here.
                  </Alert>
                  <PasswordInput
                    label="Secret seed"
                    required
                    minLength={16}
                    value={seed}
                    onChange={(e) => setSeed(e.currentTarget.value)}
                    maw={480}
                    description="At least 16 characters"
                  />
                  <Group>
                    <Button type="submit" disabled={seed.length < 16} loading={generate.isPending}>
                      Generate from my seed
                    </Button>
                    <Button
                      variant="default"
                      loading={generate.isPending}
                      onClick={() => {
                        generate.mutate({}, { onSuccess: (r) => setGeneratedSeed(r.seed ?? null) });
                      }}
                    >
                      Let the server draw a seed
                    </Button>
                  </Group>
                  {generate.isError ? <ErrorAlert error={generate.error} title="List not generated" /> : null}
                </Stack>
              </form>
            </Card>
          )
        }
      </QueryState>
    </Stack>
  );
}
