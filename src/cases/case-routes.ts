import { Router, type Request, type Response } from 'express';
import { formatDateTime, t, type PlainMessageKey } from '../i18n';
import { METHOD_SV } from '../followup';
import { fullDateText, RULE_IDS } from '../rules';
import type { Services } from '../services';
import { parseId, ValidationError } from '../shared';
import { requireLogin, requireRole } from '../web';
import { flash, idParam, listQuery } from '../web';
import { attendanceView, flagReasons, followUpFacts } from './case-view';
import { timelineItems } from './case-timeline';
import { CASE_STATES, CASE_STATE_SV, CONTACT_PARTIES, CONTACT_PARTY_SV, OUTCOMES, OUTCOME_SV } from './case-model';

/** The review queue and the case page. Thin: every rule and scope is in CaseService. */
export function caseRoutes(services: Services): Router {
  const router = Router();

  router.get('/arenden', ...requireRole('admin', 'coordinator'), (req, res) => {
    const query = req.query as Record<string, unknown>;
    let page;
    let errors: { field: string; message: string }[] = [];
    try {
      page = services.cases.queue(req.actor!, query);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      errors = e.errors;
      page = services.cases.queue(req.actor!, {});
    }
    res.status(errors.length ? 400 : 200).render('cases/queue', {
      title: t('cases.title'),
      ...page,
      errors,
      values: page.filter,
      query: listQuery(page.filter),
      rounds: services.rounds.list(req.actor!),
      schools: services.schools.list(req.actor!),
      coordinators: services.cases.coordinators(req.actor!),
      ruleIds: RULE_IDS,
      ruleTitle: services.rules.ruleTitle(),
      states: CASE_STATES,
      stateNames: CASE_STATE_SV,
    });
  });

  router.post('/arenden/tilldela', ...requireRole('coordinator'), (req, res) => {
    const body = req.body as Record<string, unknown>;
    const ids = (Array.isArray(body.ids) ? body.ids : body.ids === undefined ? [] : [body.ids]).map(parseId).filter((n): n is number => n !== null);
    const back = typeof body.back === 'string' && body.back.startsWith('/arenden') ? body.back : '/arenden';
    try {
      const n = services.cases.assign(req.actor!, ids, body.assignee ? Number(body.assignee) : null);
      flash(req, t('cases.assigned', { n }));
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      flash(req, e.message, 'warning');
    }
    res.redirect(303, back);
  });

  const show = (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}, reveal = false) => {
    const id = idParam(req);
    const detail = services.cases.get(req.actor!, id, reveal);
    const ruleTitle = services.rules.ruleTitle();
    res.status(status).render('cases/show', {
      title: t('cases.case'),
      ...detail,
      // What the page shows, in words: no evidence key, rule id or status code reaches the HTML.
      reasons: flagReasons(detail.flags, ruleTitle),
      attendanceView: attendanceView(detail.attendance),
      followUpFacts: followUpFacts(detail.followUp),
      attemptRows: detail.attempts.map((a) => ({ date: fullDateText(a.date), method: METHOD_SV[a.method], result: a.result, by: a.createdByLabel })),
      timeline: timelineItems(detail.events, ruleTitle),
      ruleTitle,
      referrals: services.referrals.forCase(req.actor!, id),
      coordinators: req.actor!.roles.includes('coordinator') ? services.cases.coordinators(req.actor!) : [],
      outcomes: OUTCOMES,
      outcomeNames: OUTCOME_SV,
      parties: CONTACT_PARTIES,
      stateNames: CASE_STATE_SV,
      methodNames: METHOD_SV,
      formatDateTime,
      partyNames: CONTACT_PARTY_SV,
      form: null,
      errors: [],
      values: {},
      ...extra,
    });
  };

  router.get('/arenden/:id', requireLogin, (req, res) => show(req, res));
  // From a watch-list entry: its case (where the referral is filed).
  router.get('/omgangar/:id/bevakning/:pupilId/arende', requireLogin, (req, res) => {
    res.redirect(303, `/arenden/${services.cases.idFor(req.actor!, idParam(req), idParam(req, 'pupilId'))}`);
  });
  router.post('/arenden/:id/visa-identitet', requireLogin, (req, res) => show(req, res, 200, {}, true));

  /** Each case form posts here; a bad input re-renders the page with that form's errors and values. */
  const action = (
    path: string,
    form: string,
    run: (req: Request) => unknown,
    done: PlainMessageKey | ((result: unknown) => PlainMessageKey),
    fieldIds: Record<string, string> = {},
  ) => {
    router.post(`/arenden/:id/${path}`, requireLogin, (req, res) => {
      let result: unknown;
      try {
        result = run(req);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        // Field ids are unique on the page; the summary links to the form's own field.
        const errors = e.errors.map((x) => ({ ...x, field: fieldIds[x.field] ?? x.field }));
        return show(req, res, 400, { form, errors, values: req.body as Record<string, unknown> });
      }
      flash(req, t(typeof done === 'function' ? done(result) : done));
      res.redirect(303, `/arenden/${idParam(req)}`);
    });
  };
  action('anteckning', 'note', (req) => services.cases.addNote(req.actor!, idParam(req), req.body), 'cases.noteAdded');
  action('kontakt', 'contact', (req) => services.cases.addContact(req.actor!, idParam(req), req.body), 'cases.contactAdded');
  action(
    'uppfoljning',
    'recheck',
    (req) => services.cases.setRecheck(req.actor!, idParam(req), { date: (req.body as { recheckDate?: unknown }).recheckDate }),
    'cases.recheckSaved',
    { date: 'recheckDate' },
  );
  action(
    'tilldela',
    'assign',
    (req) =>
      services.cases.assign(
        req.actor!,
        [idParam(req)],
        (req.body as { assignee?: string }).assignee ? Number((req.body as { assignee: string }).assignee) : null,
      ),
    'cases.assignedOne',
  );
  action(
    'atgard',
    'transition',
    (req) => services.cases.transition(req.actor!, idParam(req), req.body),
    // A close that waits for a second coordinator says so: nothing is closed yet.
    (r) => ((r as { pending?: boolean }).pending ? 'guard.closePending' : 'cases.transitioned'),
  );
  action(
    'granskning',
    'approval',
    (req) => {
      const body = req.body as { decision?: string; comment?: unknown };
      services.cases.decidePending(req.actor!, idParam(req), body.decision === 'approve', body.comment);
    },
    'cases.reviewed',
  );
  return router;
}
