import { useState, type ReactNode } from 'react';
import {
  Badge,
  Button,
  Card,
  CloseButton,
  Group,
  NativeSelect,
  PasswordInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  useAllSites,
  useCreateSite,
  useCreateUser,
  useGrantRole,
  useRevokeRole,
  useUsers,
  type UserAccount,
} from '../../api/trial-admin.js';
import { useTrials } from '../../api/trials.js';
import type { Role } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { QueryState } from '../../components/QueryState.js';
import { roleLabel } from '../../lib/roles.js';

const ROLES: readonly Role[] = [
  'investigator',
  'coordinator',
  'pharmacist',
  'monitor',
  'data_manager',
  'statistician',
  'unblinded_statistician',
  'dsmb',
  'admin',
];

function isRole(v: string): v is Role {
  return ROLES.some((r) => r === v);
}

function SiteForm(): ReactNode {
  const create = useCreateSite();
  const trials = useTrials();
  const [site, setSite] = useState({ code: '', name: '', timeZone: 'Europe/Paris' });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(
          { ...site, trialIds: (trials.data ?? []).map((t) => t.id) },
          { onSuccess: () => setSite({ code: '', name: '', timeZone: site.timeZone }) },
        );
      }}
    >
      <Stack gap="xs">
        <Group grow>
          <TextInput
            label="Code"
            required
            value={site.code}
            onChange={(e) => setSite({ ...site, code: e.currentTarget.value })}
          />
          <TextInput
            label="Name"
            required
            value={site.name}
            onChange={(e) => setSite({ ...site, name: e.currentTarget.value })}
          />
        </Group>
        <TextInput
          label="Time zone (IANA)"
          required
          value={site.timeZone}
          onChange={(e) => setSite({ ...site, timeZone: e.currentTarget.value })}
        />
        <Group>
          <Button type="submit" loading={create.isPending}>
            Add site
          </Button>
        </Group>
        {create.isError ? <ErrorAlert error={create.error} title="Site not added" /> : null}
      </Stack>
    </form>
  );
}

function UserForm(): ReactNode {
  const create = useCreateUser();
  const [user, setUser] = useState({ username: '', fullName: '', password: '' });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(user, { onSuccess: () => setUser({ username: '', fullName: '', password: '' }) });
      }}
    >
      <Stack gap="xs">
        <Group grow>
          <TextInput
            label="User name"
            required
            value={user.username}
            onChange={(e) => setUser({ ...user, username: e.currentTarget.value })}
          />
          <TextInput
            label="Full name"
            required
            value={user.fullName}
            onChange={(e) => setUser({ ...user, fullName: e.currentTarget.value })}
          />
        </Group>
        <PasswordInput
          label="Initial password"
          required
          value={user.password}
          onChange={(e) => setUser({ ...user, password: e.currentTarget.value })}
        />
        <Group>
          <Button type="submit" loading={create.isPending}>
            Add user
          </Button>
        </Group>
        {create.isError ? <ErrorAlert error={create.error} title="User not added" /> : null}
      </Stack>
    </form>
  );
}

function GrantForm({ user }: { user: UserAccount }): ReactNode {
  const grant = useGrantRole();
  const trials = useTrials();
  const sites = useAllSites();
  const [role, setRole] = useState<Role>('coordinator');
  const [trialId, setTrialId] = useState('');
  const [siteId, setSiteId] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        grant.mutate({
          userId: user.id,
          role,
          trialId: trialId === '' ? null : trialId,
          siteId: siteId === '' ? null : siteId,
        });
      }}
    >
      <Group align="end" gap="xs">
        <NativeSelect
          label="Role"
          value={role}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (isRole(v)) setRole(v);
          }}
          data={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
        />
        <NativeSelect
          label="Trial"
          value={trialId}
          onChange={(e) => setTrialId(e.currentTarget.value)}
          data={[
            { value: '', label: 'every trial' },
            ...(trials.data ?? []).map((t) => ({ value: t.id, label: t.acronym })),
          ]}
        />
        <NativeSelect
          label="Site"
          value={siteId}
          onChange={(e) => setSiteId(e.currentTarget.value)}
          data={[
            { value: '', label: 'every site' },
            ...(sites.data ?? []).map((s) => ({ value: s.id, label: s.code })),
          ]}
        />
        <Button type="submit" size="sm" loading={grant.isPending}>
          Grant
        </Button>
      </Group>
      {grant.isError ? <ErrorAlert error={grant.error} title="Role not granted" /> : null}
    </form>
  );
}

/** Trial set-up for admins: sites, users and their roles per trial and site. */
export function AdminPage(): ReactNode {
  const sites = useAllSites();
  const users = useUsers();
  const revoke = useRevokeRole();
  return (
    <Stack>
      <Title order={1} size="h2">
        Trial set-up
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            Sites
          </Title>
          <QueryState query={sites} what="the sites">
            {(rows) => (
              <Table mb="md">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Code</Table.Th>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Time zone</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>{s.code}</Table.Td>
                      <Table.Td>{s.name}</Table.Td>
                      <Table.Td>{s.timeZone ?? ''}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </QueryState>
          <SiteForm />
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            New user
          </Title>
          <UserForm />
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          Users and roles
        </Title>
        {revoke.isError ? <ErrorAlert error={revoke.error} title="Role not revoked" /> : null}
        <QueryState query={users} what="the users">
          {(rows) => (
            <Stack>
              {rows.map((u) => (
                <Card key={u.id} withBorder padding="sm">
                  <Text fw={600}>
                    {u.fullName}{' '}
                    <Text span c="dimmed">
                      ({u.username})
                    </Text>{' '}
                    {u.active ? null : <Badge color="gray">inactive</Badge>}
                  </Text>
                  <Group gap="xs" my="xs">
                    {u.grants.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        No role.
                      </Text>
                    ) : null}
                    {u.grants.map((g) => (
                      <Badge
                        key={g.id ?? `${g.role}-${g.trialId}-${g.siteId}`}
                        variant="light"
                        rightSection={
                          g.id === undefined ? null : (
                            <CloseButton
                              size="xs"
                              aria-label={`Revoke ${g.role}`}
                              onClick={() =>
                                g.id !== undefined && revoke.mutate({ userId: u.id, grantId: g.id })
                              }
                            />
                          )
                        }
                      >
                        {roleLabel(g.role)} · {g.trialId ?? 'all trials'} · {g.siteId ?? 'all sites'}
                      </Badge>
                    ))}
                  </Group>
                  <GrantForm user={u} />
                </Card>
              ))}
            </Stack>
          )}
        </QueryState>
      </Card>
    </Stack>
  );
}
