import { z } from 'zod';
import { parseIsoDate } from '../calendar';
import { CASE_ACTIONS, CASE_STATES, CONTACT_PARTIES } from './case-model';
import { t } from '../i18n';
import { pageQuery } from '../shared';

const isoDate = (v: string) => parseIsoDate(v) !== null;
const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

export const noteSchema = z.object({
  text: z.preprocess(
    trimmed,
    z
      .string({ error: t('cases.errors.skrivAnteckning') })
      .min(2, { message: t('cases.errors.skrivAnteckning') })
      .max(5000, { message: t('cases.errors.anteckningenFarVaraHogst') }),
  ),
});

export const contactSchema = z.object({
  party: z.enum(CONTACT_PARTIES, { message: t('cases.errors.valjVemKontaktenVar') }),
  date: z.preprocess(trimmed, z.string({ error: t('followup.errors.angeDatumAaaaMm') }).refine(isoDate, { message: t('followup.errors.angeDatumAaaaMm') })),
  result: z.preprocess(
    trimmed,
    z
      .string({ error: 'Beskriv resultatet.' })
      .min(2, { message: 'Beskriv resultatet.' })
      .max(2000, { message: t('common.errors.textMax2000') }),
  ),
});

export const recheckSchema = z.object({
  // Only an empty field clears the date; anything else must be a date.
  date: z.preprocess(
    (v) => (v === undefined || v === null || (typeof v === 'string' && !v.trim()) ? null : typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: t('cases.errors.angeDatumForUppfoljning') })
      .refine(isoDate, { message: t('cases.errors.angeDatumForUppfoljning') })
      .nullable(),
  ),
});

export const transitionSchema = z.object({
  action: z.enum(CASE_ACTIONS, { message: t('cases.errors.valjAtgard') }),
  outcome: z.unknown().optional(),
  comment: z.unknown().optional(),
  noReferralReason: z.unknown().optional(),
});

const optionalInt = z.preprocess((v) => (v === undefined || v === '' ? undefined : Number(v)), z.number().int().positive().optional());

/** The queue's filters as they come from a query string (page or API). */
export const queueFilterSchema = z.object({
  round: optionalInt,
  school: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^\d{8}$/)
      .optional(),
  ),
  rule: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(60).optional()),
  state: z.preprocess((v) => (v === '' || v === undefined ? 'open' : v), z.enum([...CASE_STATES, 'open', 'all'])),
  assignee: z.preprocess((v) => (v === '' ? undefined : v), z.union([z.literal('me'), z.literal('none'), z.string().regex(/^\d+$/)]).optional()),
  due: z.preprocess((v) => (v === '' ? undefined : v), z.literal('today').optional()),
  ...pageQuery,
});
export type QueueQuery = z.infer<typeof queueFilterSchema>;
