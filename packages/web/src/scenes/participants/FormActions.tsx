import { useState, type ReactNode } from 'react';
import { Button, Group, PasswordInput, Popover, Stack, Text, TextInput } from '@mantine/core';
import { useOpenQuery, useSignForm } from '../../api/participants.js';
import type { FormDefinition, FormEntry } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';

/** The meaning of an investigator's form signature (21 CFR 11.50). */
export const FORM_SIGNATURE_MEANING =
  'I have reviewed the data of this form and confirm that they are accurate and complete.';

/** The investigator signs a saved form by re-entering the password. */
export function SignFormButton({
  participantId,
  entry,
}: {
  participantId: string;
  entry: FormEntry;
}): ReactNode {
  const sign = useSignForm(participantId);
  const [opened, setOpened] = useState(false);
  const [password, setPassword] = useState('');
  return (
    <Popover opened={opened} onChange={setOpened} trapFocus position="bottom-start" withArrow>
      <Popover.Target>
        <Button variant="light" onClick={() => setOpened((o) => !o)}>
          Sign form…
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            sign.mutate(
              { formId: entry.formId, instance: entry.instance, password, meaning: FORM_SIGNATURE_MEANING },
              { onSuccess: () => setOpened(false) },
            );
          }}
        >
          <Stack gap="xs" w={320}>
            <Text size="sm">{FORM_SIGNATURE_MEANING}</Text>
            <PasswordInput
              label="Your password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" disabled={password === ''} loading={sign.isPending}>
              Sign
            </Button>
            {sign.isError ? <ErrorAlert error={sign.error} title="Not signed" /> : null}
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}

/** A monitor or data manager raises a query on one field of a saved form. */
export function RaiseQuery({
  participantId,
  entry,
  definition,
}: {
  participantId: string;
  entry: FormEntry;
  definition: FormDefinition;
}): ReactNode {
  const open = useOpenQuery(participantId);
  const [field, setField] = useState(definition.fields[0]?.id ?? '');
  const [text, setText] = useState('');
  const [done, setDone] = useState(false);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setDone(false);
        open.mutate(
          { formEntryId: entry.id, field, text: text.trim() },
          {
            onSuccess: () => {
              setText('');
              setDone(true);
            },
          },
        );
      }}
    >
      <Group align="end" gap="xs">
        <select
          aria-label="Field to query"
          value={field}
          onChange={(e) => setField(e.currentTarget.value)}
          style={{ height: 36 }}
        >
          {definition.fields.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
        <TextInput
          label="Query"
          placeholder="What needs checking"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          style={{ flex: 1 }}
        />
        <Button type="submit" variant="light" disabled={text.trim() === ''} loading={open.isPending}>
          Raise query
        </Button>
      </Group>
      {done ? (
        <Text size="sm" c="green.9" role="status">
          Query raised.
        </Text>
      ) : null}
      {open.isError ? <ErrorAlert error={open.error} title="Query not raised" /> : null}
    </form>
  );
}
