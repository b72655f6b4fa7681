import { useState, type ReactNode, type SyntheticEvent } from 'react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useSaveForm } from '../../api/participants.js';
import type { FieldValue, FormDefinition, FormEntry, FormField } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { RaiseQuery, SignFormButton } from './FormActions.js';
import { checkField, rangeText, valueText } from '../../lib/form-values.js';
import { formatDateTime } from '../../lib/format-time.js';

/** Props of {@link CaseReportForm}. */
export interface CaseReportFormProps {
  readonly participantId: string;
  readonly definition: FormDefinition;
  readonly instance: string;
  readonly entry: FormEntry | undefined;
  readonly canEdit: boolean;
  /** Investigators sign saved forms. */
  readonly canSign?: boolean;
  /** Monitors and data managers raise queries on saved fields. */
  readonly canQuery?: boolean;
  readonly timeZone: string;
}

function FieldInput({
  field,
  value,
  error,
  warning,
  disabled,
  onChange,
  onBlur,
}: {
  field: FormField;
  value: string;
  error: string | undefined;
  warning: string | undefined;
  disabled: boolean;
  onChange: (v: string) => void;
  onBlur: () => void;
}): ReactNode {
  const label = field.unit === undefined ? field.label : `${field.label} (${field.unit})`;
  const description = [rangeText(field), warning].filter((s) => s !== undefined).join(' · ');
  const common = {
    label,
    required: field.required === true,
    disabled,
    error,
    onBlur,
    ...(description === '' ? {} : { description }),
  };
  if (field.type === 'boolean' || field.type === 'choice') {
    const options =
      field.type === 'boolean'
        ? [
            { value: 'true', label: 'Yes' },
            { value: 'false', label: 'No' },
          ]
        : (field.options ?? []).map((o) => ({ value: o, label: o }));
    return (
      <NativeSelect
        {...common}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        data={[{ value: '', label: '—' }, ...options]}
      />
    );
  }
  const type = field.type === 'date' ? 'date' : field.type === 'datetime' ? 'datetime-local' : 'text';
  return (
    <TextInput
      {...common}
      type={type}
      inputMode={field.type === 'number' ? 'decimal' : field.type === 'integer' ? 'numeric' : undefined}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}

/**
 * One case report form: typed fields with units and ranges, checked as they are typed; a value out of range needs
 * a confirmation (and raises a query on the server); a change after the first save needs a reason.
 */
export function CaseReportForm({
  participantId,
  definition,
  instance,
  entry,
  canEdit,
  canSign = false,
  canQuery = false,
  timeZone,
}: CaseReportFormProps): ReactNode {
  const save = useSaveForm(participantId);
  const initial = Object.fromEntries(definition.fields.map((f) => [f.id, valueText(entry?.values[f.id])]));
  const [texts, setTexts] = useState<Record<string, string>>(initial);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [confirmed, setConfirmed] = useState<Record<string, boolean>>({});
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const isEdit = entry !== undefined;
  // Fields the blinding hides from this role: shown as hidden, never sent back (the server keeps their values).
  const masked = entry?.masked ?? [];

  const checks = Object.fromEntries(definition.fields.map((f) => [f.id, checkField(f, texts[f.id] ?? '')]));
  const changed = definition.fields.some((f) => (texts[f.id] ?? '') !== (initial[f.id] ?? ''));
  const outOfRange = definition.fields.filter((f) => checks[f.id]?.outOfRange === true);
  // A value out of range needs a confirmation when it is typed; one saved (and confirmed) before does not.
  const toConfirm = outOfRange.filter((f) => (texts[f.id] ?? '') !== (initial[f.id] ?? ''));
  const unconfirmed = toConfirm.filter((f) => confirmed[f.id] !== true);
  const invalid = definition.fields.some((f) => checks[f.id]?.error !== undefined);
  const needsReason = isEdit && reason.trim() === '';

  const submit = (e: SyntheticEvent<HTMLFormElement>): void => {
    e.preventDefault();
    setSubmitted(true);
    if (invalid || unconfirmed.length > 0 || needsReason || !changed) return;
    const values: Record<string, FieldValue> = {};
    for (const f of definition.fields) {
      if (!masked.includes(f.id)) values[f.id] = checks[f.id]?.value ?? null;
    }
    save.mutate(
      {
        formId: definition.id,
        instance,
        values,
        ...(isEdit ? { reason: reason.trim() } : {}),
        ...(outOfRange.length > 0 ? { confirmOutOfRange: outOfRange.map((f) => f.id) } : {}),
      },
      {
        onSuccess: () => {
          setReason('');
          setSubmitted(false);
          setTouched({});
        },
      },
    );
  };

  return (
    <>
      <form onSubmit={submit} noValidate aria-label={`${definition.label} (${instance})`}>
        <Stack gap="sm">
          <Group gap="xs">
            {entry === undefined ? (
              <Badge variant="light" color="gray">
                not saved yet
              </Badge>
            ) : (
              <Text size="sm" c="dimmed">
                Revision {entry.revision}, saved {formatDateTime(entry.updatedAt, timeZone)}
                {entry.signedAt === undefined || entry.signedAt === null
                  ? ' · not signed'
                  : ` · signed ${formatDateTime(entry.signedAt, timeZone)}${entry.signedBy === undefined || entry.signedBy === null ? '' : ` by ${entry.signedBy}`}`}
              </Text>
            )}
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {definition.fields.map((f) => {
              const check = checks[f.id];
              const show = submitted || touched[f.id] === true;
              return (
                <Stack key={f.id} gap={4}>
                  <FieldInput
                    field={f}
                    value={texts[f.id] ?? ''}
                    disabled={!canEdit || masked.includes(f.id)}
                    error={show ? check?.error : undefined}
                    warning={
                      masked.includes(f.id)
                        ? 'hidden after randomization (blinding)'
                        : check?.outOfRange === true
                          ? 'outside the expected range'
                          : undefined
                    }
                    onChange={(v) => setTexts((t) => ({ ...t, [f.id]: v }))}
                    onBlur={() => setTouched((t) => ({ ...t, [f.id]: true }))}
                  />
                  {toConfirm.includes(f) ? (
                    <Checkbox
                      label={`I confirm ${texts[f.id] ?? ''}${f.unit === undefined ? '' : ` ${f.unit}`} is correct`}
                      checked={confirmed[f.id] === true}
                      onChange={(e) => {
                        const on = e.currentTarget.checked;
                        setConfirmed((c) => ({ ...c, [f.id]: on }));
                      }}
                      error={
                        submitted && confirmed[f.id] !== true ? 'Confirm the value or correct it' : undefined
                      }
                    />
                  ) : null}
                </Stack>
              );
            })}
          </SimpleGrid>
          {canEdit && isEdit && changed ? (
            <Textarea
              label="Reason for change"
              description="Required for any change after the first save; kept in the audit trail"
              required
              minRows={1}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={submitted && needsReason ? 'Give a reason for the change' : undefined}
            />
          ) : null}
          {toConfirm.length > 0 ? (
            <Alert color="yellow" variant="light">
              Values outside the expected range are saved only when confirmed, and the server opens a query on
              each.
            </Alert>
          ) : null}
          {save.isError ? <ErrorAlert error={save.error} title="The form was not saved" /> : null}
          {canEdit ? (
            <Group>
              <Button type="submit" loading={save.isPending} disabled={!changed}>
                {isEdit ? 'Save changes' : 'Save form'}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
      {entry !== undefined && (canSign || canQuery) ? (
        <Stack gap="xs" mt="sm">
          {canSign && !changed ? (
            <Group>
              <SignFormButton participantId={participantId} entry={entry} />
            </Group>
          ) : null}
          {canQuery ? (
            <RaiseQuery participantId={participantId} entry={entry} definition={definition} />
          ) : null}
        </Stack>
      ) : null}
    </>
  );
}
