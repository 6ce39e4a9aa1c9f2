import { z } from 'zod';
import { SCHOOL_TYPES } from './school-repository';
import { t } from '../i18n';

export const schoolCodeSchema = z
  .string({ error: t('schools.errors.angeSkolenhetskoden') })
  .trim()
  .regex(/^\d{8}$/, { message: t('schools.errors.skolenhetskodenVaraAttaSiffror') });

export const schoolSchema = z.object({
  code: schoolCodeSchema,
  name: z
    .string({ error: t('schools.errors.angeSkolansNamn') })
    .trim()
    .min(2, { message: t('schools.errors.angeSkolansNamn') })
    .max(200, { message: t('common.errors.nameMax200') }),
  type: z.enum(SCHOOL_TYPES, { message: t('schools.errors.valjSkolformGrundskolaGymnasieskola') }),
});

export const schoolUpdateSchema = schoolSchema.omit({ code: true }).extend({
  active: z.boolean().default(true),
});

export type SchoolInput = z.input<typeof schoolSchema>;
