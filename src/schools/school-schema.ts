import { z } from 'zod';
import { SCHOOL_TYPES } from './school-repository';

export const schoolCodeSchema = z
  .string({ error: 'Ange skolenhetskoden.' })
  .trim()
  .regex(/^\d{8}$/, { message: 'Skolenhetskoden ska vara åtta siffror, till exempel 12345678.' });

export const schoolSchema = z.object({
  code: schoolCodeSchema,
  name: z
    .string({ error: 'Ange skolans namn.' })
    .trim()
    .min(2, { message: 'Ange skolans namn.' })
    .max(200, { message: 'Namnet får vara högst 200 tecken.' }),
  type: z.enum(SCHOOL_TYPES, { message: 'Välj skolform: grundskola, gymnasieskola eller anpassad skola.' }),
});

export const schoolUpdateSchema = schoolSchema.omit({ code: true }).extend({
  active: z.boolean().default(true),
});

export type SchoolInput = z.input<typeof schoolSchema>;
