import type { Role, Severity } from '../shared';
import type { FieldError } from '../shared';
import { t } from '../i18n';

/** docs/design.md, the cycle, step 6: new → investigating → closed, or → referred → acknowledged → closed. */
export const CASE_STATES = ['new', 'investigating', 'referred', 'acknowledged', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const OPEN_STATES: readonly CaseState[] = ['new', 'investigating', 'referred', 'acknowledged'];

export const CASE_STATE_SV: Record<CaseState, string> = {
  new: 'Ny',
  investigating: 'Utreds',
  referred: 'Orosanmäld',
  acknowledged: 'Mottagen av socialtjänsten',
  closed: 'Avslutad',
};

/** docs/design.md, the cycle, step 6: the outcomes a case can be closed with. */
export const OUTCOMES = [
  'returned',
  'returning_known_date',
  'new_school_sweden',
  'settled_abroad',
  'abroad_without_leave',
  'left_after_asylum_rejection',
  'in_sweden_not_attending',
  'whereabouts_unknown',
  'suspected_taken_abroad',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_SV: Record<Outcome, string> = {
  returned: 'Har kommit tillbaka',
  returning_known_date: 'Kommer tillbaka ett känt datum',
  new_school_sweden: 'Ny skola i Sverige (bekräftat)',
  settled_abroad: 'Bosatt utomlands (styrkt)',
  abroad_without_leave: 'Utomlands utan beviljad ledighet',
  left_after_asylum_rejection: 'Lämnat Sverige efter avslag på asylansökan',
  in_sweden_not_attending: 'I Sverige men går inte i skolan',
  whereabouts_unknown: 'Okänd vistelseort',
  suspected_taken_abroad: 'Misstänkt förd utomlands mot sin vilja',
};

/**
 * Outcomes that say the child may be abroad against their will or that nobody knows where
 * they are. Closing a case with one of these needs a sent referral or a second
 * coordinator's approval, whatever the settings say (issue 15). `abroad_without_leave`
 * is included: the child is out of the country and out of school with nothing showing it
 * is by their own or a lawful choice — exactly the child the service exists to notice.
 */
export const CONCERN_OUTCOMES: readonly Outcome[] = ['suspected_taken_abroad', 'whereabouts_unknown', 'abroad_without_leave'];

/** Why a close waits for a second coordinator: the setting on a high-severity case, or a concern outcome without a sent referral. */
export type ApprovalReason = 'high_severity' | 'concern_outcome';

/** Outcomes that say where the pupil is; the statistics count these as "located". */
export const LOCATED_OUTCOMES: readonly Outcome[] = OUTCOMES.filter((o) => o !== 'whereabouts_unknown' && o !== 'suspected_taken_abroad');

/** Who a contact on the case was with (the school's own attempts are on the follow-up). */
export const CONTACT_PARTIES = [
  'guardian',
  'pupil',
  'school',
  'skatteverket',
  'forsakringskassan',
  'migrationsverket',
  'police',
  'home_municipality',
  'social_services',
  'other',
] as const;
export type ContactParty = (typeof CONTACT_PARTIES)[number];

export const CONTACT_PARTY_SV: Record<ContactParty, string> = {
  guardian: 'Vårdnadshavare',
  pupil: 'Eleven',
  school: 'Skolan',
  skatteverket: 'Skatteverket',
  forsakringskassan: 'Försäkringskassan',
  migrationsverket: 'Migrationsverket',
  police: 'Polisen',
  home_municipality: 'Hemkommunen',
  social_services: 'Socialtjänsten',
  other: 'Annan',
};

/** Authorities whose contacts are "other notifications made" on a referral. */
export const AUTHORITY_PARTIES: readonly ContactParty[] = [
  'skatteverket',
  'forsakringskassan',
  'migrationsverket',
  'police',
  'home_municipality',
  'social_services',
];

export const CASE_ORIGIN_SV = { flag: 'Flagga', watch_list: 'Bevakningslista', manual: 'Tillagd av skolan' } as const;
export type CaseOrigin = keyof typeof CASE_ORIGIN_SV;

export const CASE_ACTIONS = ['start', 'refer', 'acknowledge', 'close'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const CASE_ACTION_SV: Record<CaseAction, string> = {
  start: 'Påbörja utredning',
  refer: 'Orosanmäl',
  acknowledge: 'Bekräfta mottagen anmälan',
  close: 'Avsluta',
};

/** What a transition is given; each guard reads only what it needs. */
export interface TransitionInput {
  roles: readonly Role[];
  severity: Severity;
  outcome?: unknown;
  comment?: unknown;
  noReferralReason?: unknown;
  reference?: unknown;
  /** refer: the referral has been sent (the referral service sets this); close: the case has a sent referral. */
  referralSent?: boolean;
  /** close: the setting "second approval for high-severity closes" is on. */
  secondApprovalSetting?: boolean;
}

interface Transition {
  action: CaseAction;
  from: CaseState;
  to: CaseState;
  roles: readonly Role[];
  guard: (input: TransitionInput) => FieldError[];
  /** When the action is allowed but must wait for a second coordinator, and why (close only). */
  approval?: (input: TransitionInput) => ApprovalReason | null;
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

const closeGuard =
  (needsReason: boolean) =>
  (i: TransitionInput): FieldError[] => {
    const errors: FieldError[] = [];
    if (!(OUTCOMES as readonly unknown[]).includes(i.outcome)) errors.push({ field: 'outcome', message: t('cases.errors.valjHurArendetAvslutas') });
    if (text(i.comment).length < 3) errors.push({ field: 'comment', message: t('cases.errors.skrivKommentarOmVarfor') });
    if (needsReason && i.severity === 'high' && text(i.noReferralReason).length < 3) {
      errors.push({ field: 'noReferralReason', message: t('cases.errors.arendetHogAllvarlighetsgradSkriv') });
    }
    return errors;
  };

/**
 * A close that was never referred: a concern outcome without a sent referral always waits
 * for a second coordinator; a high-severity case does when the setting asks.
 */
const unreferredCloseApproval = (i: TransitionInput): ApprovalReason | null => {
  if ((CONCERN_OUTCOMES as readonly unknown[]).includes(i.outcome) && !i.referralSent) return 'concern_outcome';
  return i.secondApprovalSetting && i.severity === 'high' ? 'high_severity' : null;
};

/**
 * Every allowed transition, in one table. Anything not listed is refused. Filing a
 * referral from `new` goes through `investigating` first (the service applies both), so
 * nobody has to wait to report. A new case can be closed directly with an outcome.
 */
export const TRANSITIONS: readonly Transition[] = [
  { action: 'start', from: 'new', to: 'investigating', roles: ['coordinator'], guard: () => [] },
  { action: 'close', from: 'new', to: 'closed', roles: ['coordinator'], guard: closeGuard(true), approval: unreferredCloseApproval },
  {
    action: 'refer',
    from: 'investigating',
    to: 'referred',
    roles: ['coordinator', 'principal'],
    guard: (i) => (i.referralSent ? [] : [{ field: 'referral', message: t('cases.errors.orosanmalanMasteSkickasInnan') }]),
  },
  {
    action: 'acknowledge',
    from: 'referred',
    to: 'acknowledged',
    roles: ['social_services'],
    guard: (i) => (text(i.reference).length >= 2 ? [] : [{ field: 'reference', message: t('cases.errors.angeSocialtjanstensDiarienummer') }]),
  },
  { action: 'close', from: 'investigating', to: 'closed', roles: ['coordinator'], guard: closeGuard(true), approval: unreferredCloseApproval },
  // Social services have the referral: the close needs no second coordinator.
  { action: 'close', from: 'acknowledged', to: 'closed', roles: ['coordinator'], guard: closeGuard(false) },
];

/** ok: the action may be taken; `approval` non-null means it waits for a second coordinator first. */
export type TransitionCheck = { ok: true; to: CaseState; approval: ApprovalReason | null } | { ok: false; errors: FieldError[] };

/** Pure: may this actor take this action from this state with this input? */
export function checkTransition(from: CaseState, action: CaseAction, input: TransitionInput): TransitionCheck {
  const transition = TRANSITIONS.find((x) => x.from === from && x.action === action);
  if (!transition) {
    return {
      ok: false,
      errors: [{ field: 'action', message: t('cases.errors.arendetArFaAtgarden', { state: CASE_STATE_SV[from], action: CASE_ACTION_SV[action] }) }],
    };
  }
  if (!input.roles.some((r) => transition.roles.includes(r))) {
    return { ok: false, errors: [{ field: 'action', message: t('cases.errors.dinRollArenden', { action: CASE_ACTION_SV[action].toLowerCase() }) }] };
  }
  const errors = transition.guard(input);
  return errors.length ? { ok: false, errors } : { ok: true, to: transition.to, approval: transition.approval?.(input) ?? null };
}

/** The actions offered on a case page: those the table allows from the state for the roles. */
export function actionsFrom(from: CaseState, roles: readonly Role[]): CaseAction[] {
  return TRANSITIONS.filter((t) => t.from === from && roles.some((r) => t.roles.includes(r))).map((t) => t.action);
}

export const URGENCIES = ['normal', 'urgent', 'acute'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_SV: Record<Urgency, string> = {
  normal: 'Normal',
  urgent: 'Brådskande',
  acute: 'Akut – omedelbar fara eller nära förestående utresa',
};
