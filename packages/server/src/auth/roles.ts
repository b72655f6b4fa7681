/** The roles of a trial unit (issue 4). Roles are granted per site, per trial, or (admin) system-wide. */
export const ROLES = [
  'investigator',
  'coordinator',
  'pharmacist',
  'monitor',
  'data_manager',
  'statistician',
  'unblinded_statistician',
  'dsmb',
  'admin',
] as const;

export type Role = (typeof ROLES)[number];

/** Roles that may see allocations: the pharmacist prepares the drugs; the others are independent of sites. */
export const UNBLINDED_ROLES: readonly Role[] = ['pharmacist', 'unblinded_statistician', 'dsmb'];

/** Roles whose grants name a site (they act for one site); the others are trial-wide (site = null). */
export const SITE_ROLES: readonly Role[] = ['investigator', 'coordinator', 'pharmacist'];

/** What a role may do. */
export const PERMISSIONS = [
  'trial.read',
  'trial.manage',
  'site.manage',
  'user.manage',
  'participant.read',
  'screening.write',
  'consent.write',
  'eligibility.sign',
  'randomize',
  'unblind.emergency',
  'dose.read',
  'dose.write',
  'form.read',
  'form.write',
  'form.sign',
  'query.read',
  'query.open',
  'query.answer',
  'query.close',
  'status.write',
  'deviation.write',
  'audit.read',
  'unblinding.report',
  'kits.read',
  'allocation.manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const SITE_WORK: readonly Permission[] = [
  'trial.read',
  'participant.read',
  'screening.write',
  'consent.write',
  'randomize',
  'dose.read',
  'dose.write',
  'form.read',
  'form.write',
  'query.read',
  'query.answer',
  'status.write',
  'deviation.write',
];

/** Role -> permissions. Blinding is not a permission: it follows from UNBLINDED_ROLES. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  investigator: [...SITE_WORK, 'eligibility.sign', 'unblind.emergency', 'form.sign', 'audit.read'],
  coordinator: SITE_WORK,
  pharmacist: ['trial.read', 'participant.read', 'dose.read', 'kits.read'],
  monitor: [
    'trial.read',
    'participant.read',
    'dose.read',
    'form.read',
    'query.read',
    'query.open',
    'query.close',
    'audit.read',
    'unblinding.report',
  ],
  data_manager: [
    'trial.read',
    'participant.read',
    'dose.read',
    'form.read',
    'form.write',
    'query.read',
    'query.open',
    'query.close',
    'audit.read',
    'unblinding.report',
  ],
  statistician: ['trial.read', 'participant.read', 'form.read', 'dose.read'],
  unblinded_statistician: [
    'trial.read',
    'participant.read',
    'form.read',
    'dose.read',
    'kits.read',
    'allocation.manage',
    'unblinding.report',
  ],
  dsmb: ['trial.read', 'participant.read', 'form.read', 'dose.read', 'unblinding.report'],
  admin: ['trial.read', 'trial.manage', 'site.manage', 'user.manage', 'audit.read'],
};

/** True for a known role name. */
export function isRole(name: string): name is Role {
  return (ROLES as readonly string[]).includes(name);
}
