import type { ReactNode } from 'react';
import { Alert } from '@mantine/core';
import { Route, Routes, useParams } from 'react-router';
import { useSession } from './auth/session-context.js';
import { AppLayout } from './components/AppLayout.js';
import { can, type Ability } from './lib/roles.js';
import { AdminPage } from './scenes/admin/AdminPage.js';
import { AllocationPage } from './scenes/admin/AllocationPage.js';
import { AuditPage } from './scenes/audit/AuditPage.js';
import { DashboardPage } from './scenes/dashboard/DashboardPage.js';
import { PharmacyPage } from './scenes/pharmacy/PharmacyPage.js';
import { ProtocolPage } from './scenes/protocol/ProtocolPage.js';
import { ParticipantPage } from './scenes/participants/ParticipantPage.js';
import { ParticipantsPage } from './scenes/participants/ParticipantsPage.js';
import { ScreeningPage } from './scenes/screening/ScreeningPage.js';
import { StatisticsPage } from './scenes/statistics/StatisticsPage.js';
import { TrialsPage } from './scenes/TrialsPage.js';

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
