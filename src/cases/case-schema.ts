import { z } from 'zod';
import { parseIsoDate } from '../calendar';
import { CASE_ACTIONS, CASE_STATES, CONTACT_PARTIES } from './case-model';

const isoDate = (v: string) => parseIsoDate(v) !== null;
const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

export const noteSchema = z.object({
  text: z.preprocess(trimmed, z.string({ error: 'Skriv en anteckning.' }).min(2, { message: 'Skriv en anteckning.' }).max(5000, { message: 'Anteckningen får vara högst 5000 tecken.' })),
});

export const contactSchema = z.object({
  party: z.enum(CONTACT_PARTIES, { message: 'Välj vem kontakten var med.' }),
  date: z.preprocess(trimmed, z.string({ error: 'Ange datum som ÅÅÅÅ-MM-DD.' }).refine(isoDate, { message: 'Ange datum som ÅÅÅÅ-MM-DD.' })),
  result: z.preprocess(trimmed, z.string({ error: 'Beskriv resultatet.' }).min(2, { message: 'Beskriv resultatet.' }).max(2000, { message: 'Texten får vara högst 2000 tecken.' })),
});

export const recheckSchema = z.object({
  // Only an empty field clears the date; anything else must be a date.
  date: z.preprocess((v) => (v === undefined || v === null || (typeof v === 'string' && !v.trim()) ? null : typeof v === 'string' ? v.trim() : v), z.string({ error: 'Ange datum för uppföljning som ÅÅÅÅ-MM-DD.' }).refine(isoDate, { message: 'Ange datum för uppföljning som ÅÅÅÅ-MM-DD.' }).nullable()),
});

export const transitionSchema = z.object({
  action: z.enum(CASE_ACTIONS, { message: 'Välj en åtgärd.' }),
  outcome: z.unknown().optional(),
  comment: z.unknown().optional(),
  noReferralReason: z.unknown().optional(),
});

const optionalInt = z.preprocess((v) => (v === undefined || v === '' ? undefined : Number(v)), z.number().int().positive().optional());

/** The queue's filters as they come from a query string (page or API). */
export const queueFilterSchema = z.object({
  round: optionalInt,
  school: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^\d{8}$/).optional()),
  rule: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(60).optional()),
  state: z.preprocess((v) => (v === '' || v === undefined ? 'open' : v), z.enum([...CASE_STATES, 'open', 'all'])),
  assignee: z.preprocess((v) => (v === '' ? undefined : v), z.union([z.literal('me'), z.literal('none'), z.string().regex(/^\d+$/)]).optional()),
  due: z.preprocess((v) => (v === '' ? undefined : v), z.literal('today').optional()),
  page: z.preprocess((v) => (v === undefined || v === '' ? 1 : Number(v)), z.number().int().min(1).max(100_000)),
});
export type QueueQuery = z.infer<typeof queueFilterSchema>;
