import type { Express } from 'express';

/**
 * The routes an Express 5 app registers, read from the app itself (router v2's
 * `listRoutes()`, recursing into routers mounted with `use`), as "METHOD /full/path".
 * Plain middleware is not a route and is not listed.
 */
interface ListedRoute {
  path: string | RegExp;
  methods: string[] | undefined;
  router: RouterLike | undefined;
}
interface RouterLike {
  listRoutes?: () => ListedRoute[];
}

export interface AppRoute {
  method: string;
  path: string;
  key: string;
}

export function appRoutes(app: Express): AppRoute[] {
  const out: AppRoute[] = [];
  const walk = (router: RouterLike, prefix: string) => {
    if (typeof router.listRoutes !== 'function') throw new Error('The router has no listRoutes(): the matrix needs router ≥ 2.3 (Express 5).');
    for (const entry of router.listRoutes()) {
      if (typeof entry.path !== 'string')
        throw new Error(`A route under "${prefix}" is a RegExp (${String(entry.path)}): give it a string path so the matrix can name it.`);
      if (entry.router) {
        walk(entry.router, entry.path === '/' ? prefix : prefix + entry.path);
        continue;
      }
      const full = entry.path === '/' ? prefix || '/' : prefix + entry.path;
      // `.all()` is '*': it answers every method, so it is called as GET and as POST.
      const methods = (entry.methods ?? []).flatMap((m) => (m === '*' ? ['GET', 'POST'] : [m])).filter((m) => m !== 'HEAD');
      for (const method of new Set(methods)) out.push({ method, path: full, key: `${method} ${full}` });
    }
  };
  walk((app as unknown as { router: RouterLike }).router, '');
  return out;
}

/** What a path parameter names, so it can be filled from the seeded world. */
export type ParamKind = 'round' | 'schoolCode' | 'pupil' | 'case' | 'referral' | 'schoolId' | 'user' | 'unit' | 'token' | 'preview';

/** `:id` means different things: decided by the path segment before it ("segment/:name"). */
const BY_SEGMENT: Record<string, ParamKind> = {
  'omgangar/:id': 'round',
  'rounds/:id': 'round',
  'arenden/:id': 'case',
  'cases/:id': 'case',
  'orosanmalningar/:id': 'referral',
  'referrals/:id': 'referral',
  'skolor/:id': 'schoolId',
  'anvandare/:id': 'user',
  'enheter/:id': 'unit',
  'api-nycklar/:id': 'token',
};
/** Other parameter names mean the same thing wherever they stand. */
const BY_NAME: Record<string, ParamKind> = {
  roundId: 'round',
  code: 'schoolCode',
  schoolCode: 'schoolCode',
  pupilId: 'pupil',
  caseId: 'case',
  referralId: 'referral',
  unitId: 'unit',
  previewId: 'preview',
};

export interface PathParam {
  name: string;
  kind: ParamKind;
}

/** The parameters of a registered path, in order, each with its kind; unknown ones throw with a hint. */
export function pathParams(path: string): PathParam[] {
  const segments = path.split('/');
  const params: PathParam[] = [];
  segments.forEach((seg, i) => {
    if (!seg.includes(':') && !seg.includes('*') && !seg.includes('{')) return;
    const m = /^:(\w+)$/.exec(seg);
    if (!m) throw new Error(`The matrix cannot fill "${seg}" in ${path}: use whole-segment :params.`);
    const name = m[1]!;
    const kind = BY_SEGMENT[`${segments[i - 1]}/:${name}`] ?? BY_NAME[name];
    if (!kind) throw new Error(`The matrix does not know what ":${name}" in ${path} names: add it to BY_SEGMENT or BY_NAME in tests/helpers/route-matrix.ts.`);
    params.push({ name, kind });
  });
  return params;
}

/** Which of the seeded world's values fills a parameter. */
export type Side = 'own' | 'other' | 'missing';

/**
 * The ways to fill a route's parameters: every mix of own-scope and other-scope values
 * (so a pupil id of school B under school A's code is tried too), and each parameter in
 * turn nonexistent.
 */
export function variants(params: PathParam[]): Side[][] {
  let mixes: Side[][] = [[]];
  for (let i = 0; i < params.length; i++)
    mixes = mixes.flatMap((m) => [
      [...m, 'own' as Side],
      [...m, 'other' as Side],
    ]);
  const missing = params.map((_, i) => params.map((__, j): Side => (i === j ? 'missing' : 'own')));
  return [...mixes, ...missing];
}

/** The path with each parameter replaced. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name]!));
}

/** Every way a personal number may be printed: with and without century and dash, and the birth date a masked form keeps. */
export function numberForms(pn: string): string[] {
  const digits = pn.replace('-', '');
  return [pn, pn.slice(2), digits, digits.slice(2), pn.slice(0, 8)];
}
