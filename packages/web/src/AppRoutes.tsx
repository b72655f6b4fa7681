import { lazy, type ReactNode } from 'react';
import { Alert } from '@mantine/core';
import { Route, Routes, useParams } from 'react-router';
import { useSession } from './auth/session-context.js';
import { AppLayout } from './components/AppLayout.js';
import { can, type Ability } from './lib/roles.js';

// Each screen is its own chunk, loaded when its route is first visited (AppLayout shows a loader meanwhile), so
// that the first page does not download the charts, forms and tables of every other screen.
const AdminPage = lazy(async () => ({ default: (await import('./scenes/admin/AdminPage.js')).AdminPage }));
const AllocationPage = lazy(async () => ({
  default: (await import('./scenes/admin/AllocationPage.js')).AllocationPage,
}));
const AuditPage = lazy(async () => ({ default: (await import('./scenes/audit/AuditPage.js')).AuditPage }));
const DashboardPage = lazy(async () => ({
  default: (await import('./scenes/dashboard/DashboardPage.js')).DashboardPage,
}));
const PharmacyPage = lazy(async () => ({
  default: (await import('./scenes/pharmacy/PharmacyPage.js')).PharmacyPage,
}));
const ProtocolPage = lazy(async () => ({
  default: (await import('./scenes/protocol/ProtocolPage.js')).ProtocolPage,
}));
const ParticipantPage = lazy(async () => ({
  default: (await import('./scenes/participants/ParticipantPage.js')).ParticipantPage,
}));
const ParticipantsPage = lazy(async () => ({
  default: (await import('./scenes/participants/ParticipantsPage.js')).ParticipantsPage,
}));
const ScreeningPage = lazy(async () => ({
  default: (await import('./scenes/screening/ScreeningPage.js')).ScreeningPage,
}));
const StatisticsPage = lazy(async () => ({
  default: (await import('./scenes/statistics/StatisticsPage.js')).StatisticsPage,
}));
const TrialsPage = lazy(async () => ({ default: (await import('./scenes/TrialsPage.js')).TrialsPage }));

/** Renders a screen only for the roles that may use it; says so otherwise (the server refuses anyway). */
function Allowed({ ability, children }: { ability: Ability; children: ReactNode }): ReactNode {
  const session = useSession();
  const { trialId } = useParams();
  if (!can(session, ability, trialId)) {
    return (
      <Alert color="yellow" title="Not available for your role">
        Your roles in this trial do not include this screen.
      </Alert>
    );
  }
  return children;
}

/** Every screen of the signed-in app. */
export function AppRoutes(): ReactNode {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<TrialsPage />} />
        <Route
          path="admin"
          element={
            <Allowed ability="admin">
              <AdminPage />
            </Allowed>
          }
        />
        <Route path="trials/:trialId">
          <Route index element={<DashboardPage />} />
          <Route
            path="screening"
            element={
              <Allowed ability="screen">
                <ScreeningPage />
              </Allowed>
            }
          />
          <Route
            path="participants"
            element={
              <Allowed ability="viewParticipants">
                <ParticipantsPage />
              </Allowed>
            }
          />
          <Route
            path="participants/:participantId"
            element={
              <Allowed ability="viewParticipants">
                <ParticipantPage />
              </Allowed>
            }
          />
          <Route
            path="pharmacy"
            element={
              <Allowed ability="pharmacy">
                <PharmacyPage />
              </Allowed>
            }
          />
          <Route
            path="statistics"
            element={
              <Allowed ability="statistics">
                <StatisticsPage />
              </Allowed>
            }
          />
          <Route
            path="audit"
            element={
              <Allowed ability="audit">
                <AuditPage />
              </Allowed>
            }
          />
          <Route
            path="allocation"
            element={
              <Allowed ability="allocation">
                <AllocationPage />
              </Allowed>
            }
          />
          <Route path="protocol" element={<ProtocolPage />} />
        </Route>
        <Route
          path="*"
          element={
            <Alert color="yellow" title="Page not found">
              There is no page at this address.
            </Alert>
          }
        />
      </Route>
    </Routes>
  );
}
