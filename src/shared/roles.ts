export const ROLES = ['admin', 'principal', 'coordinator', 'social_services'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

/**
 * Who is acting. Built once per request (session or API token) or per CLI run, and
 * passed to every service method that reads or changes data, so scoping happens in the
 * service layer rather than by hiding links.
 */
export interface Actor {
  userId: number | null;
  /** For the audit log: e-mail of the user, or 'system'/'cli'. Never a pupil's data. */
  label: string;
  name: string;
  roles: Role[];
  /** Schools a principal is scoped to. */
  schoolIds: number[];
}

export const systemActor = (label = 'system'): Actor => ({
  userId: null,
  label,
  name: label,
  roles: ['admin'],
  schoolIds: [],
});

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

/** The start page of a role; a person with several roles starts at the first of these. */
export const ROLE_START: Record<Role, string> = {
  admin: '/admin',
  coordinator: '/samordnare',
  principal: '/rektor',
  social_services: '/socialtjanst',
};

export function startPathFor(actor: Actor): string {
  for (const r of ['admin', 'coordinator', 'principal', 'social_services'] as Role[]) {
    if (actor.roles.includes(r)) return ROLE_START[r];
  }
  return '/ingen-roll';
}
