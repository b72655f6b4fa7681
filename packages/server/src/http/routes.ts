import type { ServerDeps } from '../deps.js';
import { registerDashboardRoutes } from '../routes/dashboard-routes.js';
import { registerAdminRoutes } from './admin-routes.js';
import { registerAnalysisRoutes } from './analysis-routes.js';
import { registerDataRoutes } from './data-routes.js';
import { registerDischargeRoutes } from './discharge-routes.js';
import { registerOversightRoutes } from './oversight-routes.js';
import { registerParticipantRoutes } from './participant-routes.js';
import { registerSessionRoutes } from './session-routes.js';
import { registerTrialRoutes } from './trial-routes.js';
import type { ZodApp } from './zod-app.js';

/** Every route of the API. */
export function registerRoutes(app: ZodApp, deps: ServerDeps): void {
  registerSessionRoutes(app, deps);
  registerAdminRoutes(app, deps);
  registerTrialRoutes(app, deps);
  registerParticipantRoutes(app, deps);
  registerDischargeRoutes(app, deps);
  registerDataRoutes(app, deps);
  registerOversightRoutes(app, deps);
  registerDashboardRoutes(app, deps);
  registerAnalysisRoutes(app, deps);
}
