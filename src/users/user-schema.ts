import { z } from 'zod';
import { ROLES } from '../shared';

const asArray = (v: unknown) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]);

/** Accepts form posts (single values or arrays) as well as JSON and CLI input. */
export const userSchema = z
  .object({
    email: z
      .string({ error: 'Ange e-postadress.' })
      .trim()
      .toLowerCase()
      .pipe(z.email({ message: 'Ange en giltig e-postadress, till exempel namn@kommun.se.' })),
    name: z
      .string({ error: 'Ange namn.' })
      .trim()
      .min(2, { message: 'Ange namn.' })
      .max(200, { message: 'Namnet får vara högst 200 tecken.' }),
    roles: z.preprocess(
      asArray,
      z
        .array(z.enum(ROLES, { message: 'Okänd roll.' }))
        .min(1, { message: 'Välj minst en roll.' }),
    ),
    schoolCodes: z.preprocess(asArray, z.array(z.string().trim())),
    active: z.preprocess((v) => v === undefined || v === true || v === 'true' || v === 'on' || v === '1', z.boolean()),
  })
  .superRefine((u, ctx) => {
    if (u.roles.includes('principal') && u.schoolCodes.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['schoolCodes'], message: 'En rektor måste kopplas till minst en skola.' });
    }
  });

export type UserInput = z.output<typeof userSchema>;
