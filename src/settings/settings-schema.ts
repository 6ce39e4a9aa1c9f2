import { z } from 'zod';
import { checkStatusVocabulary, STATUSES, type Status } from '../imports';
import { isValidDateParts } from '../calendar';
import { t } from '../i18n';

/** Status names as the admin writes them on the settings page. */
export const STATUS_WORDS: Record<Status, string> = {
  present: 'närvarande',
  valid: 'giltig',
  unexplained: 'ogiltig',
  unknown: 'okänd',
  not_reported: 'ej rapporterat',
};

const statusByWord = new Map(Object.entries(STATUS_WORDS).map(([s, w]) => [w, s as Status]));

/** "Sjukanmäld = giltig" lines → vocabulary; every bad line is an error naming its line. */
export function parseVocabulary(text: string): { value: Record<string, Status>; errors: string[] } {
  const value: Record<string, Status> = {};
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const m = /^(.+?)\s*=\s*(.+)$/.exec(line.trim());
    const status = m ? statusByWord.get(m[2]!.trim().toLowerCase()) : undefined;
    if (!m || !status) {
      errors.push(t('settings.errors.radListanNarvaroordSkriv', { i: i + 1, words: Object.values(STATUS_WORDS).join(', ') }));
      return;
    }
    value[m[1]!.trim()] = status;
  });
  errors.push(...checkStatusVocabulary(value));
  return { value, errors };
}

export function formatVocabulary(v: Record<string, Status>): string {
  return Object.entries(v)
    .map(([w, s]) => `${w} = ${STATUS_WORDS[s]}`)
    .join('\n');
}

/** "2026-10-30 Studiedag" lines → days. */
export function parseNonSchoolDays(text: string): { value: { date: string; reason: string }[]; errors: string[] } {
  const value: { date: string; reason: string }[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const m = /^(\d{4})-(\d{2})-(\d{2})\s*(.*)$/.exec(line.trim());
    if (!m || !isValidDateParts(Number(m[1]), Number(m[2]), Number(m[3]))) {
      errors.push(t('settings.errors.radListanLovdagarBorja', { i: i + 1 }));
      return;
    }
    value.push({ date: `${m[1]}-${m[2]}-${m[3]}`, reason: m[4]!.trim() || 'Ingen skoldag' });
  });
  return { value, errors };
}

/** "2" or "1, 3" → whole days within [min, 60]; a Swedish error naming the field otherwise. */
export function parseDays(text: string, min: number, label: string): { value: number[]; errors: string[] } {
  const parts = text.split(/[,;\s]+/).filter(Boolean);
  const value = parts.map(Number);
  const bad = parts.filter((p, i) => !/^\d+$/.test(p) || value[i]! < min || value[i]! > 60);
  return bad.length
    ? { value: [], errors: [t('settings.errors.reminderDays', { label, min })] }
    : { value: [...new Set(value)].sort((a, b) => a - b), errors: [] };
}

/** A whole number typed in a text field (empty or missing: the default). */
const wholeNumber = (message: string, min: number, max: number) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? undefined : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
    z.number({ message }).int({ message }).min(min, { message }).max(max, { message }).optional(),
  );

export const generalSettingsSchema = z.object({
  municipalityName: z
    .string({ error: t('settings.errors.angeKommunensNamn') })
    .trim()
    .min(2, { message: t('settings.errors.angeKommunensNamn') })
    .max(100, { message: t('common.errors.nameMax100') }),
  excludeProtectedFromImport: z.boolean(),
  statusVocabulary: z.string().max(20_000, { message: t('settings.errors.listanNarvaroordArFor') }),
  nonSchoolDays: z.string().max(20_000, { message: t('settings.errors.listanLovdagarArFor') }),
  reminderDaysBefore: z.string().max(200),
  reminderDaysAfter: z.string().max(200),
  statsSuppressionThreshold: wholeNumber(t('settings.errors.gransenForSmaTal'), 1, 100),
  statsMinSchoolSize: wholeNumber(t('settings.errors.minstaSkolstorlekAngesHeltal'), 0, 10_000),
});

export { STATUSES };
