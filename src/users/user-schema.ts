import { z } from 'zod';
import { ROLES } from '../shared';
import { t } from '../i18n';

const asArray = (v: unknown) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]);

/** Accepts form posts (single values or arrays) as well as JSON and CLI input. */
export const userSchema = z
  .object({
    email: z
      .string({ error: t('users.errors.angeEPostadress') })
      .trim()
      .toLowerCase()
      .pipe(z.email({ message: t('users.errors.angeGiltigEPostadress') })),
    name: z
      .string({ error: t('users.errors.angeNamn') })
      .trim()
      .min(2, { message: t('users.errors.angeNamn') })
      .max(200, { message: t('common.errors.nameMax200') }),
    roles: z.preprocess(asArray, z.array(z.enum(ROLES, { message: t('users.errors.okandRoll') })).min(1, { message: t('users.errors.valjMinstRoll') })),
    schoolCodes: z.preprocess(asArray, z.array(z.string().trim())),
    active: z.preprocess((v) => v === undefined || v === true || v === 'true' || v === 'on' || v === '1', z.boolean()),
  })
  .superRefine((u, ctx) => {
    if (u.roles.includes('principal') && u.schoolCodes.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['schoolCodes'], message: t('users.errors.rektorMasteKopplasMinst') });
    }
  });

export type UserInput = z.output<typeof userSchema>;
