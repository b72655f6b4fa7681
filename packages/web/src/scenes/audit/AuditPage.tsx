import { useState, type ReactNode } from 'react';
import { Button, Group, Pagination, Stack, Text, TextInput, Title } from '@mantine/core';
import { useAudit, type AuditFilters } from '../../api/trial-admin.js';
import { useRequest } from '../../auth/session-context.js';
import type { AuditEvent } from '../../api/types.js';
import { AuditTable, auditValueText } from '../../components/AuditTable.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { QueryState } from '../../components/QueryState.js';
import { downloadText, toCsv } from '../../lib/csv.js';
import { browserTimeZone, localToUtc } from '../../lib/format-time.js';
import { useTrialId } from '../use-trial-id.js';

const PAGE = 50;
const CSV_HEADER = [
  'seq',
  'at_utc',
  'actor',
  'role',
  'site',
  'action',
  'entity',
  'entity_id',
  'field',
  'old_value',
  'new_value',
  'reason',
  'protocol_version',
  'masked',
  'hash',
];

/** An audit event as a CSV row (times in UTC, as stored). */
export function auditCsvRow(e: AuditEvent): string[] {
  return [
    String(e.seq),
    e.at,
    e.actorName,
    e.role ?? '',
    e.siteId ?? '',
    e.action,
    e.entity,
    e.entityId,
    e.field ?? '',
    auditValueText(e.oldValue),
    auditValueText(e.newValue),
    e.reason ?? '',
    e.protocolVersion === null ? '' : String(e.protocolVersion),
    e.masked === true ? 'withheld' : '',
    e.hash ?? '',
  ];
}

/** The audit trail with filters (participant, user, entity, dates) and export of the filtered events to CSV. */
export function AuditPage(): ReactNode {
  const trialId = useTrialId();
  const request = useRequest();
  const zone = browserTimeZone();
  const [draft, setDraft] = useState({ participantId: '', actor: '', entity: '', from: '', to: '' });
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState(1);
  const audit = useAudit(trialId, filters, PAGE, (page - 1) * PAGE);
  const [exportError, setExportError] = useState<unknown>(null);
  const [exporting, setExporting] = useState(false);

  const apply = (): void => {
    const f: Record<string, string> = {};
    if (draft.participantId.trim() !== '') f.participantId = draft.participantId.trim();
    if (draft.actor.trim() !== '') f.actor = draft.actor.trim();
    if (draft.entity.trim() !== '') f.entity = draft.entity.trim();
    const from = draft.from === '' ? undefined : localToUtc(`${draft.from}T00:00`, zone);
    const to = draft.to === '' ? undefined : localToUtc(`${draft.to}T23:59`, zone);
    if (from !== undefined) f.from = from;
    if (to !== undefined) f.to = to;
    setFilters(f);
    setPage(1);
  };

  const exportCsv = async (): Promise<void> => {
    setExporting(true);
    setExportError(null);
    try {
      const events: AuditEvent[] = [];
      for (let offset = 0; ; offset += 500) {
        const got = await request<{ total: number; events: AuditEvent[] }>(
          'GET',
          `/api/trials/${encodeURIComponent(trialId)}/audit`,
          {
            query: { ...filters, limit: 500, offset },
          },
        );
        events.push(...got.events);
        if (got.events.length === 0 || events.length >= got.total) break;
      }
      downloadText(`audit-${trialId}.csv`, toCsv(CSV_HEADER, events.map(auditCsvRow)));
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(false);
    }
  };

  const field = (key: keyof typeof draft, label: string, type = 'text'): ReactNode => (
    <TextInput
      label={label}
      type={type}
      value={draft[key]}
      onChange={(e) => {
        const v = e.currentTarget.value;
        setDraft((d) => ({ ...d, [key]: v }));
      }}
    />
  );

  return (
    <Stack>
      <Title order={1} size="h2">
        Audit trail
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <Group align="end">
          {field('participantId', 'Participant id')}
          {field('actor', 'User')}
          {field('entity', 'Entity (e.g. form_entry)')}
          {field('from', 'From', 'date')}
          {field('to', 'To', 'date')}
          <Button type="submit">Filter</Button>
          <Button variant="default" loading={exporting} onClick={() => void exportCsv()}>
            Export CSV
          </Button>
        </Group>
      </form>
      {exportError === null ? null : <ErrorAlert error={exportError} title="Could not export" />}
      <QueryState query={audit} what="the audit trail">
        {(data) => (
          <Stack>
            <Text size="sm">
              {data.total} event{data.total === 1 ? '' : 's'} · times in {zone}
            </Text>
            <AuditTable events={data.events} timeZone={zone} />
            {data.total > PAGE ? (
              <Pagination total={Math.ceil(data.total / PAGE)} value={page} onChange={setPage} />
            ) : null}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
