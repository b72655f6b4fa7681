import { Suspense, type ReactNode } from 'react';
import {
  AppShell,
  Burger,
  Button,
  Center,
  Group,
  Loader,
  NativeSelect,
  NavLink,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { useSession, useSessionState } from '../auth/session-context.js';
import { useTrials } from '../api/trials.js';
import { can, rolesIn, roleLabel, type Ability } from '../lib/roles.js';

interface Section {
  readonly path: string;
  readonly label: string;
  readonly ability?: Ability;
}

const TRIAL_SECTIONS: readonly Section[] = [
  { path: '', label: 'Dashboard' },
  { path: '/screening', label: 'Screening', ability: 'screen' },
  { path: '/participants', label: 'Participants', ability: 'viewParticipants' },
  { path: '/pharmacy', label: 'Pharmacy', ability: 'pharmacy' },
  { path: '/statistics', label: 'Statistics and DSMB', ability: 'statistics' },
  { path: '/audit', label: 'Audit trail', ability: 'audit' },
  { path: '/allocation', label: 'Allocation list', ability: 'allocation' },
  { path: '/protocol', label: 'Protocol' },
];

/** The frame around every signed-in screen: the trial picker, the sections the user's roles open, sign-out. */
export function AppLayout(): ReactNode {
  const session = useSession();
  const { signOut } = useSessionState();
  const [opened, { toggle }] = useDisclosure();
  const { trialId } = useParams();
  const trials = useTrials();
  const navigate = useNavigate();
  const location = useLocation();
  const roles = rolesIn(session, trialId).map(roleLabel).join(', ');

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: { sm: 180, lg: 230 }, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Title order={1} size="h3">
              <Link to="/" style={{ color: 'inherit', textDecoration: 'none' }}>
                Immunotrial
              </Link>
            </Title>
            <NativeSelect
              aria-label="Trial"
              value={trialId ?? ''}
              onChange={(e) => {
                void navigate(e.currentTarget.value === '' ? '/' : `/trials/${e.currentTarget.value}`);
              }}
              data={[
                { value: '', label: 'Choose a trial' },
                ...(trials.data ?? []).map((t) => ({ value: t.id, label: t.acronym })),
              ]}
            />
          </Group>
          <Group wrap="nowrap" gap="sm">
            <Text size="sm" visibleFrom="sm">
              {session.user.fullName}
              {roles === '' ? '' : ` (${roles})`}
            </Text>
            <Button variant="default" size="xs" onClick={() => void signOut()}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Sections">
        {trialId === undefined
          ? null
          : TRIAL_SECTIONS.filter((s) => s.ability === undefined || can(session, s.ability, trialId)).map(
              (s) => {
                const to = `/trials/${trialId}${s.path}`;
                return (
                  <NavLink
                    key={s.path}
                    component={Link}
                    to={to}
                    label={s.label}
                    active={s.path === '' ? location.pathname === to : location.pathname.startsWith(to)}
                  />
                );
              },
            )}
        {can(session, 'admin', trialId) ? (
          <NavLink
            component={Link}
            to="/admin"
            label="Trial set-up"
            active={location.pathname === '/admin'}
          />
        ) : null}
      </AppShell.Navbar>
      <AppShell.Main>
        {/* Screens are loaded on first visit (AppRoutes): the shell and navigation stay while one loads. */}
        <Suspense
          fallback={
            <Center p="lg">
              <Loader aria-label="Loading the page" />
            </Center>
          }
        >
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
