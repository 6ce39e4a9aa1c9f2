import { z } from 'zod';
import { pageQuery, SEVERITIES, type Paging } from '../shared';
import type { FlaggedPupil } from './rules-service';

/** The flag list's and the re-check list's query: `page`, `limit`, and the filters `school` (code) and `severity`. */
export const flagQuerySchema = z.object({
  ...pageQuery,
  school: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^\d{8}$/)
      .optional(),
  ),
  severity: z.preprocess((v) => (v === '' ? undefined : v), z.enum(SEVERITIES).optional()),
});
export type FlagQuery = z.infer<typeof flagQuerySchema>;

/** One page of flagged pupils, with the counts and the filter it was read with. */
export interface FlagPage extends Paging {
  flagged: FlaggedPupil[];
  filter: FlagQuery;
}
