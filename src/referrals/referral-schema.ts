import { z } from 'zod';
import { URGENCIES } from '../cases';
import { parseIsoDate } from '../calendar';

export const YES_NO = ['yes', 'no', 'unknown'] as const;
export const YES_NO_SV: Record<(typeof YES_NO)[number], string> = { yes: 'Ja', no: 'Nej', unknown: 'Vet inte' };

const text = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : v === undefined || v === null ? '' : v), z.string({ error: 'Fältet ska vara text.' }).max(max, { message: `Texten får vara högst ${max} tecken.` }));
const choice = z.preprocess((v) => (v === undefined || v === null ? '' : v), z.union([z.enum(YES_NO), z.literal('')], { message: 'Välj ja, nej eller vet inte.' }));

/**
 * Every field of the referral form (docs/design.md, the cycle, step 7; docs/cases.md, "Referrals"), as stored. The pupil's
 * name and personal number are not form fields: they come from the pupil record when the
 * referral is saved, so a protected identity is never written into a form.
 */
export const referralFieldsSchema = z.object({
  unitId: z.preprocess((v) => (v === undefined || v === '' ? 0 : Number(v)), z.number({ error: 'Välj en av kommunens socialtjänstenheter.' }).int({ message: 'Välj en av kommunens socialtjänstenheter.' }).min(0, { message: 'Välj en av kommunens socialtjänstenheter.' })),
  urgency: z.preprocess((v) => (v === undefined || v === '' ? 'normal' : v), z.enum(URGENCIES, { message: 'Välj hur brådskande anmälan är.' })),
  pupilAddress: text(500),
  pupilContact: text(300),
  pupilKnows: choice,
  interpreterNeeded: choice,
  interpreterLanguage: text(100),
  guardian1Name: text(200),
  guardian1Contact: text(300),
  guardian1Informed: choice,
  guardian1NotInformedWhy: text(2000),
  guardian2Name: text(200),
  guardian2Contact: text(300),
  guardian2Informed: choice,
  guardian2NotInformedWhy: text(2000),
  reporterName: text(200),
  reporterTitle: text(200),
  reporterWorkplace: text(200),
  reporterPhone: text(50),
  reporterEmail: text(200),
  concernSeen: text(10_000),
  concernHeard: text(10_000),
  informationSource: text(2000),
  whereaboutsNow: text(2000),
  acuteDanger: choice,
  acuteDangerDescription: text(5000),
  lastDayPresent: text(10).refine((v) => v === '' || parseIsoDate(v) !== null, { message: 'Ange sista närvarodag som ÅÅÅÅ-MM-DD.' }),
  breakName: text(200),
  absenceFacts: text(10_000),
  contactAttempts: text(10_000),
  siblings: text(5000),
  leaveAndDestination: text(2000),
  otherNotifications: text(5000),
});
export type ReferralFields = z.infer<typeof referralFieldsSchema>;

/** What sending needs on top of the types: the fields social services must have (docs/cases.md, "Referrals"). */
export function sendErrors(f: ReferralFields): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  const need = (ok: boolean, field: string, message: string) => ok || errors.push({ field, message });
  need(f.unitId > 0, 'unitId', 'Välj vilken socialtjänstenhet som ska ta emot anmälan.');
  need(!!f.pupilKnows, 'pupilKnows', 'Ange om eleven känner till anmälan.');
  need(!!f.guardian1Informed, 'guardian1Informed', 'Ange om vårdnadshavare 1 har informerats.');
  need(f.guardian1Informed !== 'no' || f.guardian1NotInformedWhy.length >= 3, 'guardian1NotInformedWhy', 'Skriv varför vårdnadshavare 1 inte har informerats.');
  need(f.guardian2Informed !== 'no' || f.guardian2NotInformedWhy.length >= 3, 'guardian2NotInformedWhy', 'Skriv varför vårdnadshavare 2 inte har informerats.');
  need(f.reporterName.length >= 2, 'reporterName', 'Ange ditt namn som anmälare.');
  need(f.reporterWorkplace.length >= 2, 'reporterWorkplace', 'Ange din arbetsplats (skola eller förvaltning).');
  need(f.reporterPhone.length >= 5 || f.reporterEmail.includes('@'), 'reporterPhone', 'Ange telefon eller e-post där socialtjänsten når dig.');
  need(f.concernSeen.length >= 3 || f.concernHeard.length >= 3, 'concernSeen', 'Beskriv oron: vad du själv har sett, eller vad du har hört.');
  need(f.informationSource.length >= 3, 'informationSource', 'Beskriv hur uppgifterna kom till dig.');
  need(!!f.acuteDanger, 'acuteDanger', 'Ange om det finns akut fara.');
  need(f.acuteDanger !== 'yes' || f.acuteDangerDescription.length >= 3, 'acuteDangerDescription', 'Beskriv den akuta faran.');
  // One message per field is enough.
  return errors.filter((e, i) => errors.findIndex((x) => x.field === e.field) === i);
}

/** The form's labels, in order, for the page, the PDF and the print view. */
export const FIELD_LABELS: [keyof ReferralFields | 'pupilName' | 'pupilPersonalNumber' | 'pupilClass' | 'pupilSchool', string][] = [
  ['pupilName', 'Elevens namn'],
  ['pupilPersonalNumber', 'Personnummer'],
  ['pupilClass', 'Klass'],
  ['pupilSchool', 'Skola'],
  ['pupilAddress', 'Adress'],
  ['pupilContact', 'Elevens telefon eller annan kontakt'],
  ['pupilKnows', 'Känner eleven till anmälan?'],
  ['interpreterNeeded', 'Behövs tolk?'],
  ['interpreterLanguage', 'Språk för tolk'],
  ['guardian1Name', 'Vårdnadshavare 1'],
  ['guardian1Contact', 'Kontakt vårdnadshavare 1'],
  ['guardian1Informed', 'Har vårdnadshavare 1 informerats om anmälan?'],
  ['guardian1NotInformedWhy', 'Om inte: varför'],
  ['guardian2Name', 'Vårdnadshavare 2'],
  ['guardian2Contact', 'Kontakt vårdnadshavare 2'],
  ['guardian2Informed', 'Har vårdnadshavare 2 informerats om anmälan?'],
  ['guardian2NotInformedWhy', 'Om inte: varför'],
  ['reporterName', 'Anmälare'],
  ['reporterTitle', 'Befattning'],
  ['reporterWorkplace', 'Arbetsplats'],
  ['reporterPhone', 'Telefon'],
  ['reporterEmail', 'E-post'],
  ['concernSeen', 'Oron: vad jag själv har sett'],
  ['concernHeard', 'Oron: vad jag har hört av andra'],
  ['informationSource', 'Hur uppgifterna kom till mig'],
  ['whereaboutsNow', 'Var barnet är nu, så långt det är känt'],
  ['acuteDanger', 'Finns akut fara?'],
  ['acuteDangerDescription', 'Den akuta faran'],
  ['lastDayPresent', 'Sista närvarodag'],
  ['breakName', 'Efter vilket lov'],
  ['absenceFacts', 'Frånvaro och flaggor'],
  ['contactAttempts', 'Kontaktförsök (datum och resultat)'],
  ['siblings', 'Syskon'],
  ['leaveAndDestination', 'Ledighetsansökan och resmål'],
  ['otherNotifications', 'Andra anmälningar och kontakter (Skatteverket, polis, hemkommun m.fl.)'],
];
