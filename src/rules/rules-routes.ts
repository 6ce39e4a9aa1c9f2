import { Router, type Request, type Response } from 'express';
import { t } from '../i18n';
import type { Services } from '../services';
import { ValidationError } from '../shared';
import { requireRole } from '../web';
import { flash } from '../web';
import { RULE_PARAMETERS } from './engine/parameters';
import type { RuleDefinition } from './types';

type RuleForm = Record<string, { enabled?: string; severity?: string; params?: Record<string, string> }>;

/** The form's values on top of the rule set in force: titles and templates are not editable here. */
function proposed(current: RuleDefinition[], form: RuleForm | undefined): RuleDefinition[] {
  return current.map((rule) => {
    const f = form?.[rule.id] ?? {};
    const params: Record<string, number> = {};
    for (const [name, value] of Object.entries(rule.params)) {
      const raw = f.params?.[name];
      params[name] = raw === undefined || raw.trim() === '' ? Number.NaN : Number(raw.replace(',', '.'));
      if (raw === undefined) params[name] = value;
    }
    return { ...rule, enabled: f.enabled === 'on', severity: (f.severity ?? rule.severity) as RuleDefinition['severity'], params };
  });
}

export function rulesRoutes(services: Services): Router {
  const router = Router();
  router.use('/admin/regler', ...requireRole('admin'));

  const render = (req: Request, res: Response, status: number, rules: RuleDefinition[], extra: Record<string, unknown> = {}) => {
    const current = services.rules.ruleSet();
    const rounds = services.rounds.list(req.actor!);
    res.status(status).render('rules/edit', {
      title: t('rules.title'),
      version: current.version,
      versions: services.rules.versions(req.actor!),
      rules,
      parameters: RULE_PARAMETERS,
      rounds,
      roundId: Number((req.body as Record<string, unknown> | undefined)?.roundId) || rounds[0]?.id || null,
      dryRun: null,
      errors: [],
      feedback: services.stats.ruleFeedback(req.actor!),
      ...extra,
    });
  };

  router.get('/admin/regler', (req, res) => render(req, res, 200, services.rules.ruleSet().rules));

  router.post('/admin/regler', (req, res) => {
    const body = req.body as { rule?: RuleForm; action?: string; roundId?: string; note?: string };
    const rules = proposed(services.rules.ruleSet().rules, body.rule);
    try {
      if (body.action === 'save') {
        const saved = services.rules.saveRuleSet(req.actor!, rules, typeof body.note === 'string' && body.note.trim() ? body.note.trim() : null);
        flash(req, t('rules.saved', { version: saved.version }));
        return res.redirect(303, '/admin/regler');
      }
      const roundId = Number(body.roundId);
      const dryRun = roundId ? services.rules.dryRun(req.actor!, roundId, rules) : [];
      render(req, res, 200, rules, { dryRun });
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      render(req, res, 400, rules, { errors: e.errors });
    }
  });
  return router;
}
