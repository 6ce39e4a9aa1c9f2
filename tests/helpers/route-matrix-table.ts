/**
 * Who may call each route: the role × route matrix (issue 16, finding 8). One line per
 * route, keyed "METHOD /path" exactly as the app registers it (full path, with its
 * `:params`). For /api/v1 routes a role means that role's bearer token; `anonymous` means
 * no session (pages) or no token (API).
 *
 * A role listed here may get a 2xx for ids in its own scope. Every role not listed must be
 * refused (pages: anonymous to /login, others 4xx; API: anonymous 401, others 4xx).
 * Scope (a principal's school, a social services unit) is checked by the test from the
 * seeded world, not here. tests/integration/route-matrix.test.ts fails for a registered
 * route without a line here, and for a line whose route is gone.
 */
export const CALLERS = ['anonymous', 'admin', 'principal', 'coordinator', 'social_services'] as const;
export type Caller = (typeof CALLERS)[number];

const EVERYONE: Caller[] = [...CALLERS];
const LOGGED_IN: Caller[] = ['admin', 'principal', 'coordinator', 'social_services'];
const ADMIN: Caller[] = ['admin'];
const COORDINATOR: Caller[] = ['coordinator'];
const OFFICE: Caller[] = ['admin', 'coordinator'];
const SCHOOL_WRITE: Caller[] = ['admin', 'principal'];
const SCHOOL_READ: Caller[] = ['admin', 'coordinator', 'principal'];
const CASE_READ: Caller[] = ['admin', 'coordinator', 'principal'];
const REFERRAL_WRITE: Caller[] = ['coordinator', 'principal'];
const REFERRAL_READ: Caller[] = ['admin', 'coordinator', 'principal', 'social_services'];
const SOCIAL: Caller[] = ['social_services'];

export const ROUTE_TABLE: Record<string, readonly Caller[]> = {
  // Assets, login and the set-password link are public.
  'GET /assets/ds/designsystemet.css': EVERYONE,
  'GET /assets/ds/theme.css': EVERYONE,
  'GET /assets/vendor/chart.umd.min.js': EVERYONE,
  'GET /favicon.ico': EVERYONE,
  'GET /healthz': EVERYONE, // process up; no personal data
  'GET /readyz': EVERYONE, // database, migrations, backup age, pending evaluations; no personal data
  'GET /': EVERYONE, // redirects: anonymous to /login, others to their start page
  'GET /login': EVERYONE,
  'POST /login': EVERYONE,
  // Only a right password's half-done session (no role yet) gets the page; everyone else goes to /login.
  'GET /login/tvafaktor': ['anonymous'],
  'POST /login/tvafaktor': ['anonymous'],
  // The identity provider's way in (anonymous; without SAKNAD_OIDC_* both lead to /login).
  'GET /login/oidc': ['anonymous'],
  'GET /login/oidc/callback': ['anonymous'],
  'GET /admin/inloggning': ADMIN,
  'POST /admin/inloggning': ADMIN,
  'POST /logout': EVERYONE,
  'GET /losenord': EVERYONE,
  'POST /losenord': EVERYONE,

  // Start pages and the account.
  'GET /admin': ADMIN,
  'GET /samordnare': COORDINATOR,
  'GET /rektor': ['principal'],
  'GET /ingen-roll': LOGGED_IN,
  'GET /konto/api-nycklar': LOGGED_IN,
  'POST /konto/api-nycklar': LOGGED_IN,
  'POST /konto/api-nycklar/:id/aterkalla': LOGGED_IN, // own keys only

  // Administration.
  'GET /admin/skolor': ADMIN,
  'POST /admin/skolor': ADMIN,
  'GET /admin/skolor/:id': ADMIN,
  'POST /admin/skolor/:id': ADMIN,
  'GET /admin/anvandare': ADMIN,
  'GET /admin/anvandare/ny': ADMIN,
  'POST /admin/anvandare': ADMIN,
  'GET /admin/anvandare/:id': ADMIN,
  'POST /admin/anvandare/:id': ADMIN,
  'POST /admin/anvandare/:id/lank': ADMIN,
  'POST /admin/anvandare/:id/las-upp': ADMIN,
  'POST /admin/anvandare/:id/tvafaktor': ADMIN,
  'GET /admin/logg': ADMIN,
  'GET /admin/logg.csv': ADMIN,
  'GET /admin/installningar': ADMIN,
  'POST /admin/installningar': ADMIN,
  // The SS 12000 feed: only admin touches it (coordinators see its failures on the round's board).
  'GET /admin/flode': ADMIN,
  'POST /admin/flode': ADMIN,
  'POST /admin/flode/test': ADMIN,
  'POST /admin/flode/omgangar/:id': ADMIN,
  'POST /admin/flode/omgangar/:id/hamta': ADMIN,
  'GET /admin/gallring': ADMIN,
  'POST /admin/gallring': ADMIN,
  'GET /admin/regler': ADMIN,
  'POST /admin/regler': ADMIN,
  'GET /admin/orosanmalan': ADMIN,
  'POST /admin/orosanmalan': ADMIN,
  'GET /admin/orosanmalan/enheter/ny': ADMIN,
  'POST /admin/orosanmalan/enheter/ny': ADMIN,
  'GET /admin/orosanmalan/enheter/:id': ADMIN,
  'POST /admin/orosanmalan/enheter/:id': ADMIN,

  // Rounds and the school's report.
  'GET /omgangar': SCHOOL_READ,
  'GET /omgangar/ny': ADMIN,
  'POST /omgangar': ADMIN,
  'GET /omgangar/:id': SCHOOL_READ,
  'GET /omgangar/:id/andra': ADMIN,
  'POST /omgangar/:id/andra': ADMIN,
  'POST /omgangar/:id/oppna': ADMIN,
  'GET /omgangar/:id/stang': ADMIN, // the confirmation page: what freezes, which schools have not confirmed
  'POST /omgangar/:id/stang': ADMIN,
  'GET /omgangar/:id/aterkontroll': OFFICE,
  'GET /omgangar/:id/status.csv': OFFICE,
  'GET /omgangar/:id/status.xlsx': OFFICE,
  'GET /omgangar/:id/skolor/:code': SCHOOL_READ, // the school's page in the round; another school's principal: audited 404
  'POST /omgangar/:id/skolor/:code/bekrafta': SCHOOL_WRITE,

  // Upload (principal of the school, or the office).
  'GET /omgangar/:id/skolor/:code/inlasning': SCHOOL_WRITE,
  'POST /omgangar/:id/skolor/:code/inlasning': SCHOOL_WRITE,
  // A pending preview (Post/Redirect/Get, migration 021): only the user who uploaded it sees it; anyone else gets 404.
  'GET /omgangar/:id/skolor/:code/inlasning/:previewId': SCHOOL_WRITE,
  'GET /omgangar/:id/skolor/:code/inlasning/:previewId/status': SCHOOL_WRITE,
  'POST /omgangar/:id/skolor/:code/inlasning/:previewId/kolumner': SCHOOL_WRITE,
  'POST /omgangar/:id/skolor/:code/inlasning/:previewId/statusord': SCHOOL_WRITE,
  'POST /omgangar/:id/skolor/:code/inlasning/:previewId/bekrafta': SCHOOL_WRITE,
  'POST /omgangar/:id/skolor/:code/inlasning/:previewId/avbryt': SCHOOL_WRITE,

  // Watch list and the school's follow-up of its pupils.
  'GET /omgangar/:id/bevakning': SCHOOL_READ,
  'POST /omgangar/:id/bevakning': SCHOOL_WRITE,
  'GET /omgangar/:id/bevakning/:pupilId/arende': CASE_READ,
  'GET /omgangar/:id/skolor/:code/elever/ny': SCHOOL_WRITE,
  'POST /omgangar/:id/skolor/:code/elever/ny': SCHOOL_WRITE,
  'GET /omgangar/:id/skolor/:code/elever/:pupilId': SCHOOL_READ,
  'POST /omgangar/:id/skolor/:code/elever/:pupilId': SCHOOL_WRITE,
  'POST /omgangar/:id/skolor/:code/elever/:pupilId/kontakt': SCHOOL_WRITE,

  // Cases: the queue is the office's; a case page also its school's principal.
  'GET /arenden': OFFICE,
  'POST /arenden/tilldela': COORDINATOR,
  'GET /arenden/:id': CASE_READ,
  'POST /arenden/:id/visa-identitet': COORDINATOR,
  'POST /arenden/:id/anteckning': COORDINATOR,
  'POST /arenden/:id/kontakt': COORDINATOR,
  'POST /arenden/:id/uppfoljning': COORDINATOR,
  'POST /arenden/:id/tilldela': COORDINATOR,
  'POST /arenden/:id/atgard': COORDINATOR,
  'POST /arenden/:id/granskning': COORDINATOR,

  // Referrals: filed from a case; read by the office, the school and the receiving unit.
  'GET /arenden/:id/orosanmalan': REFERRAL_WRITE,
  'POST /arenden/:id/orosanmalan': REFERRAL_WRITE,
  'GET /orosanmalningar/:id': REFERRAL_READ,
  'POST /orosanmalningar/:id/visa-identitet': ['coordinator', 'social_services'],
  'GET /orosanmalningar/:id/pdf': REFERRAL_READ,
  'POST /orosanmalningar/:id/pdf': ['coordinator', 'social_services'],
  'POST /orosanmalningar/:id/bekrafta': SOCIAL,
  'GET /socialtjanst': SOCIAL,

  // Statistics.
  'GET /statistik': OFFICE,
  'GET /statistik/utveckling': OFFICE,
  'GET /statistik/omgangar/:id': OFFICE,
  'GET /statistik/omgangar/:id/utskrift': OFFICE,
  'GET /statistik/omgangar/:id/statistik.xlsx': OFFICE,
  'GET /statistik/omgangar/:id/lansstyrelsen': OFFICE,
  'GET /statistik/omgangar/:id/lansstyrelsen.xlsx': OFFICE,

  // JSON API (bearer token of the role).
  'GET /api/v1/me': LOGGED_IN,
  'GET /api/v1/rounds': SCHOOL_READ,
  'GET /api/v1/rounds/:id': SCHOOL_READ,
  'GET /api/v1/rounds/:id/schools': OFFICE,
  'POST /api/v1/rounds/:id/schools/:code/confirm': SCHOOL_WRITE,
  'POST /api/v1/rounds/:id/schools/:code/uploads': SCHOOL_WRITE,
  'GET /api/v1/rounds/:id/flags': SCHOOL_READ,
  'GET /api/v1/rounds/:id/watchlist': SCHOOL_READ,
  'POST /api/v1/rounds/:id/watchlist': SCHOOL_WRITE,
  'GET /api/v1/rounds/:id/statistics': OFFICE,
  'GET /api/v1/statistics/trends': OFFICE,
  'GET /api/v1/cases': OFFICE,
  'GET /api/v1/cases/:id': CASE_READ,
  'POST /api/v1/cases/:id/events': COORDINATOR,
  'POST /api/v1/cases/:id/referral': REFERRAL_WRITE,
  'GET /api/v1/referrals': SOCIAL,
  'GET /api/v1/referrals/:id': REFERRAL_READ,
  'POST /api/v1/referrals/:id/acknowledge': SOCIAL,
};
