import { useState, type ReactNode } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useSessionState } from './session-context.js';

/** The sign-in page; says so when the previous session expired. */
export function SignInPage(): ReactNode {
  const { signIn, expired } = useSessionState();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { username: '', password: '' },
    validate: {
      username: (v) => (v.trim() === '' ? 'Enter your user name' : null),
      password: (v) => (v === '' ? 'Enter your password' : null),
    },
  });

  const submit = form.onSubmit(async ({ username, password }) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  });

  return (
    <Center mih="100vh" bg="gray.1" p="md">
      <Paper withBorder shadow="sm" p="xl" w={380} component="main">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={1} size="h2">
              Immunotrial
            </Title>
            <Text c="dimmed" size="sm">
              Sign in with the account your trial unit gave you.
            </Text>
            {expired ? (
              <Alert color="yellow" title="Session expired" role="status">
                Your session has ended. Sign in again to continue; nothing you had saved is lost.
              </Alert>
            ) : null}
            {error === null ? null : <ErrorAlert error={error} title="Could not sign in" />}
            <TextInput
              label="User name"
              autoComplete="username"
              required
              {...form.getInputProps('username')}
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={busy}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
