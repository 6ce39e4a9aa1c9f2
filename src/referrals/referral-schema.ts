import { z } from 'zod';
import { URGENCIES } from '../cases';
import { parseIsoDate } from '../calendar';
import { t } from '../i18n';

export const YES_NO = ['yes', 'no', 'unknown'] as const;
export const YES_NO_SV: Record<(typeof YES_NO)[number], string> = { yes: 'Ja', no: 'Nej', unknown: 'Vet inte' };

const text = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v === undefined || v === null ? '' : v),
    z.string({ error: t('referrals.errors.faltetVaraText') }).max(max, { message: t('common.errors.textMax', { max }) }),
  );
const choice = z.preprocess(
  (v) => (v === undefined || v === null ? '' : v),
  z.union([z.enum(YES_NO), z.literal('')], { message: t('referrals.errors.valjJaNejEller') }),
);

/**
 * Every field of the referral form (docs/design.md, the cycle, step 7; docs/cases.md, "Referrals"), as stored. The pupil's
 * name and personal number are not form fields: they come from the pupil record when the
 * referral is saved, so a protected identity is never written into a form.
 */
export const referralFieldsSchema = z.object({
  unitId: z.preprocess(
    (v) => (v === undefined || v === '' ? 0 : Number(v)),
    z
      .number({ error: t('referrals.errors.valjKommunensSocialtjanstenheter') })
      .int({ message: t('referrals.errors.valjKommunensSocialtjanstenheter') })
      .min(0, { message: t('referrals.errors.valjKommunensSocialtjanstenheter') }),
  ),
  urgency: z.preprocess((v) => (v === undefined || v === '' ? 'normal' : v), z.enum(URGENCIES, { message: t('referrals.errors.valjHurBradskandeAnmalan') })),
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
  lastDayPresent: text(10).refine((v) => v === '' || parseIsoDate(v) !== null, { message: t('followup.errors.angeSistaNarvarodagAaaa') }),
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
  need(f.unitId > 0, 'unitId', t('referrals.errors.valjVilkenSocialtjanstenhetTa'));
  need(!!f.pupilKnows, 'pupilKnows', t('referrals.errors.angeOmElevenKanner'));
  need(!!f.guardian1Informed, 'guardian1Informed', t('referrals.errors.angeOmVardnadshavare1'));
  need(f.guardian1Informed !== 'no' || f.guardian1NotInformedWhy.length >= 3, 'guardian1NotInformedWhy', t('referrals.errors.skrivVarforVardnadshavare1'));
  need(f.guardian2Informed !== 'no' || f.guardian2NotInformedWhy.length >= 3, 'guardian2NotInformedWhy', t('referrals.errors.skrivVarforVardnadshavare2'));
  need(f.reporterName.length >= 2, 'reporterName', t('referrals.errors.angeDittNamnAnmalare'));
  need(f.reporterWorkplace.length >= 2, 'reporterWorkplace', t('referrals.errors.angeDinArbetsplatsSkola'));
  need(f.reporterPhone.length >= 5 || f.reporterEmail.includes('@'), 'reporterPhone', t('referrals.errors.angeTelefonEllerE'));
  need(f.concernSeen.length >= 3 || f.concernHeard.length >= 3, 'concernSeen', t('referrals.errors.beskrivOronVadSjalv'));
  need(f.informationSource.length >= 3, 'informationSource', t('referrals.errors.beskrivHurUppgifternaKom'));
  need(!!f.acuteDanger, 'acuteDanger', t('referrals.errors.angeOmAkutFara'));
  need(f.acuteDanger !== 'yes' || f.acuteDangerDescription.length >= 3, 'acuteDangerDescription', t('referrals.errors.beskrivAkutaFaran'));
  // One message per field is enough.
  return errors.filter((e, i) => errors.findIndex((x) => x.field === e.field) === i);
}

/** The form's labels, in order, for the page, the PDF and the print view. */
export const FIELD_LABELS: [keyof ReferralFields | 'pupilName' | 'pupilPersonalNumber' | 'pupilClass' | 'pupilSchool', string][] = [
  ['pupilName', t('referral.label.pupilName')],
  ['pupilPersonalNumber', t('referral.label.pupilPersonalNumber')],
  ['pupilClass', t('referral.label.pupilClass')],
  ['pupilSchool', t('referral.label.pupilSchool')],
  ['pupilAddress', t('referral.label.pupilAddress')],
  ['pupilContact', t('referral.f.pupilContact')],
  ['pupilKnows', t('referral.f.pupilKnows')],
  ['interpreterNeeded', t('referral.f.interpreterNeeded')],
  ['interpreterLanguage', t('referral.f.interpreterLanguage')],
  ['guardian1Name', t('referral.label.guardian1Name')],
  ['guardian1Contact', t('referral.label.guardian1Contact')],
  ['guardian1Informed', t('referral.label.guardian1Informed')],
  ['guardian1NotInformedWhy', t('referral.label.guardian1NotInformedWhy')],
  ['guardian2Name', t('referral.label.guardian2Name')],
  ['guardian2Contact', t('referral.label.guardian2Contact')],
  ['guardian2Informed', t('referral.label.guardian2Informed')],
  ['guardian2NotInformedWhy', t('referral.label.guardian2NotInformedWhy')],
  ['reporterName', t('referral.label.reporterName')],
  ['reporterTitle', t('referral.f.reporterTitle')],
  ['reporterWorkplace', t('referral.f.reporterWorkplace')],
  ['reporterPhone', t('referral.f.reporterPhone')],
  ['reporterEmail', t('referral.f.reporterEmail')],
  ['concernSeen', t('referral.label.concernSeen')],
  ['concernHeard', t('referral.label.concernHeard')],
  ['informationSource', t('referral.label.informationSource')],
  ['whereaboutsNow', t('referral.f.whereaboutsNow')],
  ['acuteDanger', t('referral.label.acuteDanger')],
  ['acuteDangerDescription', t('referral.label.acuteDangerDescription')],
  ['lastDayPresent', t('referral.f.lastDayPresent')],
  ['breakName', t('referral.f.breakName')],
  ['absenceFacts', t('referral.f.absenceFacts')],
  ['contactAttempts', t('referral.label.contactAttempts')],
  ['siblings', t('referral.f.siblings')],
  ['leaveAndDestination', t('referral.f.leaveAndDestination')],
  ['otherNotifications', t('referral.f.otherNotifications')],
];
