import { z } from 'zod';
import { parseIsoDate } from '../calendar';
import { BREAK_TYPES } from './round-repository';
import { t } from '../i18n';

const isoDate = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .refine((v) => parseIsoDate(v) !== null, { message });

const optionalDate = (message: string) => z.preprocess((v) => (v === '' || v === null ? undefined : v), isoDate(message).optional());

/** Default observation windows (docs/design.md, the cycle, step 1): 10 school days after summer, 5 after other breaks. */
export const DEFAULT_WINDOW_DAYS: Record<(typeof BREAK_TYPES)[number], number> = {
  summer: 10,
  christmas: 5,
  autumn: 5,
  winter: 5,
  easter: 5,
  other: 5,
};

export const roundSchema = z
  .object({
    name: z
      .string({ error: t('rounds.errors.angeNamnPaOmgangen') })
      .trim()
      .min(3, { message: t('rounds.errors.angeNamnPaOmgangen2') })
      .max(200, { message: t('common.errors.nameMax200') }),
    breakType: z.enum(BREAK_TYPES, { message: t('rounds.errors.valjVilketLovOmgangen') }),
    termStart: isoDate(t('rounds.errors.angeTerminsstartDatumAaaa')),
    windowDays: z.preprocess(
      (v) => (v === '' || v === undefined || v === null ? undefined : Number(v)),
      z
        .number({ message: t('rounds.errors.observationsfonstretAngesSkoldagar1') })
        .int({ message: t('rounds.errors.observationsfonstretAngesHelaSkoldagar') })
        .min(1, { message: t('rounds.errors.observationsfonstretVaraMinst1') })
        .max(60, { message: t('rounds.errors.observationsfonstretFarVaraHogst') })
        .optional(),
    ),
    deadline: optionalDate(t('rounds.errors.angeSistaRapporteringsdagDatum')),
    recheckDate: optionalDate(t('rounds.errors.angeDatumForUppfoljning')),
    schoolCodes: z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().trim())),
  })
  .superRefine((r, ctx) => {
    if (r.deadline && r.deadline < r.termStart)
      ctx.addIssue({ code: 'custom', path: ['deadline'], message: t('rounds.errors.sistaRapporteringsdagLiggaFore') });
    if (r.recheckDate && r.recheckDate < r.termStart)
      ctx.addIssue({ code: 'custom', path: ['recheckDate'], message: t('rounds.errors.uppfoljningsdatumLiggaForeTerminsstart') });
  });

export type RoundInput = z.output<typeof roundSchema>;
