import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Link } from 'react-router';
import { useEvaluateScreening, useSaveScreening, type SavedScreening } from '../../api/screening.js';
import { useSites } from '../../api/trials.js';
import type { EligibilityResult, SiteInfo } from '../../api/types.js';
import { useSession } from '../../auth/session-context.js';
import { EligibilityReport } from '../../components/EligibilityReport.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { FileDrop } from '../../components/FileDrop.js';
import { browserTimeZone, localToUtc } from '../../lib/format-time.js';
import { sitesWhere } from '../../lib/roles.js';
import { useTrialId } from '../use-trial-id.js';

interface Candidate {
  readonly key: string;
  readonly fileName: string;
  readonly bundle?: Readonly<Record<string, unknown>>;
  readonly readError?: string;
}

async function readBundle(file: File, index: number): Promise<Candidate> {
  const key = `${file.name}-${index}-${file.size}`;
  try {
    const parsed: unknown = JSON.parse(await file.text());
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return {
        key,
        fileName: file.name,
        readError: `${file.name} is not a FHIR bundle: expected a JSON object`,
      };
    }
    return { key, fileName: file.name, bundle: { ...parsed } };
  } catch (e) {
    return {
      key,
      fileName: file.name,
      readError: `${file.name} is not JSON: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

function CandidateCard({
  candidate,
  trialId,
  site,
  atUtc,
}: {
  candidate: Candidate;
  trialId: string;
  site: SiteInfo;
  atUtc: string | undefined;
}): ReactNode {
  const evaluate = useEvaluateScreening(trialId);
  const save = useSaveScreening(trialId);
  const [result, setResult] = useState<EligibilityResult | null>(null);
  const [saved, setSaved] = useState<SavedScreening | null>(null);
  const timeZone = site.timeZone ?? browserTimeZone();
  const input = {
    siteId: site.id,
    bundle: candidate.bundle ?? {},
    ...(atUtc === undefined ? {} : { at: atUtc }),
  };
  // A dropped bundle is checked at once (nothing is written); the ref keeps StrictMode from checking it twice.
  const checked = useRef(false);
  const { mutate } = evaluate;
  useEffect(() => {
    if (checked.current || candidate.bundle === undefined) return;
    checked.current = true;
    mutate(input, { onSuccess: setResult });
    // Only on arrival: later changes of site or time are checked with the button.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <Card withBorder component="section" aria-label={`Screening of ${candidate.fileName}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {candidate.fileName}
            {result === null ? '' : ` — patient ${result.patientId}`}
          </Title>
          <Group gap="xs">
            <Button
              variant="light"
              disabled={candidate.readError !== undefined}
              loading={evaluate.isPending}
              onClick={() => {
                evaluate.mutate(input, { onSuccess: setResult });
              }}
            >
              {result === null ? 'Check eligibility' : 'Check again'}
            </Button>
            <Button
              disabled={result === null || saved !== null}
              loading={save.isPending}
              onClick={() => {
                save.mutate(input, { onSuccess: setSaved });
              }}
            >
              Save to screening log
            </Button>
          </Group>
        </Group>
        {candidate.readError === undefined ? null : (
          <ErrorAlert error={new Error(candidate.readError)} title="Cannot read the file" />
        )}
        {evaluate.isError ? (
          <ErrorAlert error={evaluate.error} title="Could not screen this patient" />
        ) : null}
        {save.isError ? <ErrorAlert error={save.error} title="Could not save to the screening log" /> : null}
        {saved === null ? null : (
          <Alert color="green" title="Saved to the screening log" role="status">
            Screening number {saved.participant.screeningNumber}.{' '}
            <Anchor component={Link} to={`/trials/${trialId}/participants/${saved.participant.id}`}>
              Open the participant
            </Anchor>
          </Alert>
        )}
        {result === null ? null : <EligibilityReport result={result} timeZone={timeZone} />}
      </Stack>
    </Card>
  );
}

/** Screening: drop FHIR R4 bundles, see every criterion with its evidence, save to the screening log. */
export function ScreeningPage(): ReactNode {
  const trialId = useTrialId();
  const session = useSession();
  const sites = useSites(trialId);
  const allowed = sitesWhere(session, 'screen', trialId);
  const siteOptions = (sites.data ?? []).filter((s) => allowed === 'all' || allowed.includes(s.id));
  const [siteId, setSiteId] = useState<string>('');
  const [atLocal, setAtLocal] = useState('');
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  const site = siteOptions.find((s) => s.id === siteId) ?? siteOptions[0];
  const timeZone = site?.timeZone ?? browserTimeZone();
  const atUtc = atLocal === '' ? undefined : localToUtc(atLocal, timeZone);

  return (
    <Stack>
      <Title order={1} size="h2">
        Screening
      </Title>
      {sites.isError ? <ErrorAlert error={sites.error} title="Could not load the sites" /> : null}
      <Group align="end">
        <NativeSelect
          label="Site"
          value={site?.id ?? ''}
          onChange={(e) => {
            setSiteId(e.currentTarget.value);
          }}
          data={siteOptions.map((s) => ({ value: s.id, label: `${s.code} — ${s.name}` }))}
        />
        <TextInput
          type="datetime-local"
          label={`Screening time (${timeZone})`}
          description="Leave empty for now"
          value={atLocal}
          onChange={(e) => {
            setAtLocal(e.currentTarget.value);
          }}
        />
      </Group>
      {site === undefined && sites.isSuccess ? (
        <Alert color="yellow">You have no site in this trial where you may screen patients.</Alert>
      ) : null}
      <FileDrop
        label="FHIR R4 bundles (.json)"
        accept=".json,application/json,application/fhir+json"
        onFiles={(files) => {
          void Promise.all(files.map(readBundle)).then((read) => {
            setCandidates((c) => [...read, ...c]);
          });
        }}
      />
      {candidates.length === 0 ? <Text c="dimmed">No bundle yet.</Text> : null}
      {site === undefined
        ? null
        : candidates.map((c) => (
            <CandidateCard key={c.key} candidate={c} trialId={trialId} site={site} atUtc={atUtc} />
          ))}
    </Stack>
  );
}
