import { useState, type ReactNode } from 'react';
import { Accordion, NativeSelect, Stack, Text } from '@mantine/core';
import { useFormDefinitions, useFormEntries, useVisits } from '../../api/participants.js';
import type { FormDefinition, FormEntry, Visit } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { CaseReportForm } from './CaseReportForm.js';
import { formInstances } from './form-instances.js';

function FormSection({
  definition,
  entries,
  visits,
  participantId,
  canEdit,
  canSign,
  canQuery,
  timeZone,
}: {
  definition: FormDefinition;
  entries: readonly FormEntry[];
  visits: readonly Visit[];
  participantId: string;
  canEdit: boolean;
  canSign: boolean;
  canQuery: boolean;
  timeZone: string;
}): ReactNode {
  const instances = formInstances(definition, entries, visits);
  const firstOpen = instances.find((i) => i.entry === undefined) ?? instances[0];
  const [chosen, setChosen] = useState<string | undefined>(firstOpen?.instance);
  const current = instances.find((i) => i.instance === chosen) ?? firstOpen;
  if (current === undefined)
    return <Text c="dimmed">No visit of this participant calls for this form yet.</Text>;
  return (
    <Stack gap="sm">
      {instances.length > 1 ? (
        <NativeSelect
          label="Which one"
          value={current.instance}
          onChange={(e) => setChosen(e.currentTarget.value)}
          data={instances.map((i) => ({
            value: i.instance,
            label: `${i.label}${i.entry === undefined ? ' (not saved)' : ` (revision ${i.entry.revision})`}`,
          }))}
          maw={360}
        />
      ) : null}
      {/* keyed by instance and revision: a saved revision resets the fields to what the server stored */}
      <CaseReportForm
        key={`${current.instance}-${current.entry?.revision ?? 0}`}
        participantId={participantId}
        definition={definition}
        instance={current.instance}
        entry={current.entry}
        canEdit={canEdit}
        canSign={canSign}
        canQuery={canQuery}
        timeZone={timeZone}
      />
    </Stack>
  );
}

/** The case report forms of a participant: one section per form, each instance (day, visit, entry) to pick. */
export function FormsPanel({
  trialId,
  participantId,
  canEdit,
  canSign,
  canQuery,
  timeZone,
}: {
  trialId: string;
  participantId: string;
  canEdit: boolean;
  canSign: boolean;
  canQuery: boolean;
  timeZone: string;
}): ReactNode {
  const definitions = useFormDefinitions(trialId);
  const entries = useFormEntries(participantId);
  const visits = useVisits(participantId);
  const [open, setOpen] = useState<string | null>(null);
  if (definitions.isError)
    return <ErrorAlert error={definitions.error} title="Could not load the form definitions" />;
  if (entries.isError) return <ErrorAlert error={entries.error} title="Could not load the saved forms" />;
  if (definitions.data === undefined || entries.data === undefined) return <Text>Loading forms…</Text>;
  if (definitions.data.length === 0) return <Text>The protocol defines no case report form.</Text>;
  const saved = entries.data;
  return (
    <Accordion variant="separated" value={open} onChange={setOpen}>
      {definitions.data.map((d) => {
        const count = saved.filter((e) => e.formId === d.id).length;
        return (
          <Accordion.Item key={d.id} value={d.id}>
            <Accordion.Control>
              {d.label}
              <Text span size="sm" c="dimmed">
                {` · ${d.repeat ?? 'once'} · ${count} saved`}
              </Text>
            </Accordion.Control>
            <Accordion.Panel>
              <FormSection
                definition={d}
                entries={saved}
                visits={visits.data ?? []}
                participantId={participantId}
                canEdit={canEdit}
                canSign={canSign}
                canQuery={canQuery}
                timeZone={timeZone}
              />
            </Accordion.Panel>
          </Accordion.Item>
        );
      })}
    </Accordion>
  );
}
