import { z } from 'zod';

const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ message: `${label}: ange ett heltal.` })
    .int(`${label}: ange ett heltal.`)
    .min(min, `${label}: minst ${min}.`)
    .max(max, `${label}: högst ${max}.`);

/** The retention settings form. Months, except the audit log's years; 0 for referral cases means "kept". */
export const retentionSettingsSchema = z.object({
  roundDataMonths: whole('Elevuppgifter i stängda omgångar (månader)', 1, 120),
  closedCaseMonths: whole('Avslutade ärenden utan orosanmälan (månader)', 1, 240),
  referralCaseMonths: whole('Ärenden med orosanmälan (månader, 0 = bevaras)', 0, 1200),
  auditYears: whole('Granskningsloggen (år)', 1, 50),
});
