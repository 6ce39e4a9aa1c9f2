/** A complete referral form (every field sending needs), for tests that send one; add `unitId`. */
export const REFERRAL_FIELDS = {
  urgency: 'acute',
  pupilKnows: 'no',
  interpreterNeeded: 'unknown',
  guardian1Name: 'Vårdnadshavare Ett',
  guardian1Informed: 'no',
  guardian1NotInformedWhy: 'Risk för hedersrelaterat våld.',
  reporterName: 'Samordnare Testsson',
  reporterWorkplace: 'Utbildningsförvaltningen',
  reporterPhone: '08-123 456',
  concernSeen: 'Eleven har inte kommit tillbaka efter sommarlovet.',
  concernHeard: 'En klasskamrat säger att eleven ska giftas bort.',
  informationSource: 'Klasskamrat till mentor, 2026-08-20.',
  acuteDanger: 'yes',
  acuteDangerDescription: 'Utresa kan vara nära förestående.',
};
