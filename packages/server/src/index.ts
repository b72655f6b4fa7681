// The public API of @immunotrial/server: an explicit list.
export { type ServerConfig, type ServerDeps, DEFAULT_CONFIG, createDeps, isoAt } from './deps.js';
export { ProtocolCache } from './protocol-cache.js';
export { type Actor, type Grant, SYSTEM_ACTOR, authorize, seesArms } from './auth/actor.js';
export {
  type Role,
  type Permission,
  ROLES,
  UNBLINDED_ROLES,
  SITE_ROLES,
  ROLE_PERMISSIONS,
  isRole,
} from './auth/roles.js';
export { hashPassword, verifyPassword, passwordProblem } from './passwords.js';
export { type AppOptions, buildApp } from './http/app.js';
export { statusOf } from './http/error-status.js';
export { SESSION_COOKIE } from './http/request-context.js';
export { type ProtocolLoad, loadProtocol, listTrials, currentProtocol } from './use-cases/trials.js';
export { type SiteView, createSite, addSiteToTrial, listAllSites } from './use-cases/sites.js';
export {
  type UserView,
  createUser,
  grantRole,
  revokeGrant,
  grantsOf,
  listUsers,
  checkGrantShape,
} from './use-cases/users.js';
export { type SessionView, login, logout, authenticate, bootstrapAdmin } from './use-cases/sessions.js';
export {
  recordScreening,
  evaluateBundle,
  manualOutcome,
  outcomeOfResult,
  listScreenings,
} from './use-cases/screening.js';
export { recordConsent, confirmEligibility } from './use-cases/enrolment.js';
export { setUpAllocation, allocationStatus } from './use-cases/allocation-setup.js';
export { type RandomizationView, randomizeParticipant } from './use-cases/randomization.js';
export { emergencyUnblind, unblindingReport } from './use-cases/unblinding.js';
export { participantDoses, participantVisits, recordAdministration } from './use-cases/dosing.js';
export { type OverdueSweepReport, DOSE_NOT_RECORDED, sweepOverdueDoses } from './use-cases/overdue-doses.js';
export { type OverdueSweeper, OVERDUE_SWEEP_INTERVAL_MS, startOverdueSweeps } from './overdue-sweeper.js';
export { saveForm, signForm, listForms, formDefinitions } from './use-cases/forms.js';
export { openQuery, answerQuery, closeQuery, listQueries } from './use-cases/queries.js';
export { listParticipants, participantDetail, changeStatus } from './use-cases/participants.js';
export { listAudit, listSystemAudit } from './use-cases/audit-view.js';
