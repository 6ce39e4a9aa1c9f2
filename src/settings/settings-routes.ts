import { Router } from 'express';
import { t } from '../i18n';
import type { Services } from '../services';
import { requireRole } from '../web';
import { flash, handleForm } from '../web';
import { DEFAULT_STATUS_VOCABULARY } from '../imports';
import { STATUS_WORDS } from './settings-schema';

export function settingsRoutes(services: Services): Router {
  const router = Router();
  router.use('/admin/installningar', ...requireRole('admin'));
  const locals = { title: t('settings.title'), defaults: DEFAULT_STATUS_VOCABULARY, statusWords: STATUS_WORDS };

  router.get('/admin/installningar', (req, res) => res.render('settings/general', { ...locals, values: services.settings.generalForm(req.actor!) }));

  router.post('/admin/installningar', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const values = {
      municipalityName: body.municipalityName,
      excludeProtectedFromImport: body.excludeProtectedFromImport === 'on',
      statusVocabulary: typeof body.statusVocabulary === 'string' ? body.statusVocabulary : '',
      nonSchoolDays: typeof body.nonSchoolDays === 'string' ? body.nonSchoolDays : '',
      reminderDaysBefore: typeof body.reminderDaysBefore === 'string' ? body.reminderDaysBefore : '',
      reminderDaysAfter: typeof body.reminderDaysAfter === 'string' ? body.reminderDaysAfter : '',
      statsSuppressionThreshold: typeof body.statsSuppressionThreshold === 'string' ? body.statsSuppressionThreshold : '',
      statsMinSchoolSize: typeof body.statsMinSchoolSize === 'string' ? body.statsMinSchoolSize : '',
    };
    if (await handleForm(res, 'settings/general', locals, values, () => services.settings.updateGeneral(req.actor!, values))) {
      flash(req, t('settings.saved'));
      res.redirect(303, '/admin/installningar');
    }
  });
  return router;
}
