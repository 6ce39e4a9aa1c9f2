import type { Express, Response } from 'express';
import { ROLE_START, type Role } from '../../shared';
import { formatDateTime, t, viewT, roleName } from '../../i18n';
import { formatSwedishDay, formatSwedishPeriod } from '../../calendar';
import type { Services } from '../../services';

/**
 * The locals the layout needs even when an error struck before viewLocals ran
 * (a CSRF failure, a broken session store).
 */
export function ensureBaseLocals(res: Response): void {
  const l = res.locals;
  l.t ??= viewT;
  l.roleName ??= roleName;
  l.formatDateTime ??= formatDateTime;
  l.fullDate ??= formatSwedishDay;
  l.fullPeriod ??= formatSwedishPeriod;
  l.actor ??= null;
  l.nav ??= [];
  l.flash ??= null;
  l.currentPath ??= '';
  l.municipality ??= '';
  l.errors ??= [];
  l.values ??= {};
}

/** What every view may use: the user, the translator, the flash message, navigation. */
export function viewLocals(app: Express, services: Services): void {
  app.use((req, res, next) => {
    res.locals.t = viewT;
    res.locals.roleName = roleName;
    res.locals.formatDateTime = formatDateTime;
    // Dates in sentences carry their year: "18 augusti 2026", "18–31 augusti 2026" (docs/glossary.md).
    res.locals.fullDate = formatSwedishDay;
    res.locals.fullPeriod = formatSwedishPeriod;
    res.locals.actor = req.actor ?? null;
    res.locals.currentPath = req.path;
    res.locals.municipality = services.settings.get('municipalityName');
    res.locals.errors = [];
    res.locals.values = {};
    res.locals.nav = req.actor ? navFor(req.actor.roles) : [];
    if (req.session?.flash) {
      res.locals.flash = req.session.flash;
      delete req.session.flash;
    } else res.locals.flash = null;
    next();
  });
}

/**
 * The main menu: only what the role uses, and every link one the role may open (tests:
 * tests/integration/menus.test.ts). API keys are for the office roles' integrations
 * (statistics, cases); a principal or social services whose system needs a key still
 * reaches /konto/api-nycklar by its address (README, "JSON API").
 */
export function navFor(roles: readonly Role[]): { href: string; label: string }[] {
  const items: { href: string; label: string }[] = [];
  const office = roles.some((r) => r === 'admin' || r === 'coordinator');
  for (const r of ['admin', 'coordinator', 'principal', 'social_services'] as Role[]) {
    if (roles.includes(r)) items.push({ href: ROLE_START[r], label: t(`nav.start.${r}`) });
  }
  if (office || roles.includes('principal')) items.push({ href: '/omgangar', label: t('nav.rounds') });
  if (office) items.push({ href: '/arenden', label: t('nav.cases') }, { href: '/statistik', label: t('nav.stats') });
  if (roles.includes('admin')) {
    items.push(
      { href: '/admin/skolor', label: t('nav.schools') },
      { href: '/admin/anvandare', label: t('nav.users') },
      { href: '/admin/logg', label: t('nav.audit') },
      { href: '/admin/regler', label: t('nav.rules') },
      { href: '/admin/installningar', label: t('nav.settings') },
      { href: '/admin/gallring', label: t('nav.retention') },
      { href: '/admin/orosanmalan', label: t('nav.referralAdmin') },
    );
  }
  if (office) items.push({ href: '/konto/api-nycklar', label: t('nav.tokens') });
  return items;
}
