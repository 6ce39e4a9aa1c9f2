import { z } from 'zod';
import { parseIsoDate } from '../calendar';
import { BREAK_TYPES } from './round-repository';

const isoDate = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .refine((v) => parseIsoDate(v) !== null, { message });

const optionalDate = (message: string) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), isoDate(message).optional());

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
    name: z.string({ error: 'Ange ett namn på omgången.' }).trim().min(3, { message: 'Ange ett namn på omgången, t.ex. ”HT2026 efter sommarlovet”.' }).max(200, { message: 'Namnet får vara högst 200 tecken.' }),
    breakType: z.enum(BREAK_TYPES, { message: 'Välj vilket lov omgången gäller.' }),
    termStart: isoDate('Ange terminsstart som ett datum, ÅÅÅÅ-MM-DD.'),
    windowDays: z.preprocess(
      (v) => (v === '' || v === undefined || v === null ? undefined : Number(v)),
      z.number({ message: 'Observationsfönstret anges i skoldagar, 1–60.' }).int({ message: 'Observationsfönstret anges i hela skoldagar.' }).min(1, { message: 'Observationsfönstret ska vara minst 1 skoldag.' }).max(60, { message: 'Observationsfönstret får vara högst 60 skoldagar.' }).optional(),
    ),
    deadline: optionalDate('Ange sista rapporteringsdag som ett datum, ÅÅÅÅ-MM-DD.'),
    recheckDate: optionalDate('Ange datum för uppföljning som ett datum, ÅÅÅÅ-MM-DD.'),
    schoolCodes: z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().trim())),
  })
  .superRefine((r, ctx) => {
    if (r.deadline && r.deadline < r.termStart) ctx.addIssue({ code: 'custom', path: ['deadline'], message: 'Sista rapporteringsdag kan inte ligga före terminsstart.' });
    if (r.recheckDate && r.recheckDate < r.termStart) ctx.addIssue({ code: 'custom', path: ['recheckDate'], message: 'Uppföljningsdatum kan inte ligga före terminsstart.' });
  });

export type RoundInput = z.output<typeof roundSchema>;
