import { CASE_ACTIONS, CASE_STATES, CONCERN_OUTCOMES, OUTCOMES, actionsFrom, checkTransition, type CaseAction, type CaseState } from './case-model';

const closeInput = { outcome: 'returned', comment: 'Eleven är tillbaka sedan i måndags.', noReferralReason: 'Eleven är tillbaka; ingen oro kvar.' };
const full = { severity: 'medium' as const, referralSent: true, reference: 'SN 2026/123', ...closeInput };

/** The whole table: from × action → the state it leads to, or null when refused. */
const EXPECTED: Record<CaseState, Record<CaseAction, CaseState | null>> = {
  new: { start: 'investigating', refer: null, acknowledge: null, close: 'closed' },
  investigating: { start: null, refer: 'referred', acknowledge: null, close: 'closed' },
  referred: { start: null, refer: null, acknowledge: 'acknowledged', close: null },
  acknowledged: { start: null, refer: null, acknowledge: null, close: 'closed' },
  closed: { start: null, refer: null, acknowledge: null, close: null },
};
const ACTOR: Record<CaseAction, 'coordinator' | 'social_services'> = {
  start: 'coordinator',
  refer: 'coordinator',
  acknowledge: 'social_services',
  close: 'coordinator',
};

describe('the case transition table', () => {
  const pairs = CASE_STATES.flatMap((from) => CASE_ACTIONS.map((action) => [from, action, EXPECTED[from][action]] as const));
  it.each(pairs)('%s --%s--> %s', (from, action, to) => {
    const r = checkTransition(from, action, { ...full, roles: [ACTOR[action]] });
    if (to === null) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[0]!.field).toBe('action');
    } else {
      expect(r).toEqual({ ok: true, to, approval: null });
    }
  });

  it.each([
    ['a principal cannot start', 'new', 'start', 'principal'],
    ['a principal cannot close', 'investigating', 'close', 'principal'],
    ['social services cannot close', 'acknowledged', 'close', 'social_services'],
    ['a coordinator cannot acknowledge', 'referred', 'acknowledge', 'coordinator'],
    ['an admin cannot start', 'new', 'start', 'admin'],
  ] as const)('%s', (_n, from, action, role) => {
    const r = checkTransition(from, action, { ...full, roles: [role] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/Din roll/);
  });

  it('a principal may refer (reporting is a personal duty)', () => {
    expect(checkTransition('investigating', 'refer', { ...full, roles: ['principal'] })).toEqual({ ok: true, to: 'referred', approval: null });
  });

  it.each([
    ['no outcome', { ...full, outcome: undefined }, ['outcome']],
    ['an outcome not in the list', { ...full, outcome: 'moved' }, ['outcome']],
    ['no comment', { ...full, comment: ' ' }, ['comment']],
    ['high severity without a reason', { ...full, severity: 'high' as const, noReferralReason: '' }, ['noReferralReason']],
    ['high severity with a reason', { ...full, severity: 'high' as const }, []],
    ['medium severity needs no reason', { ...full, noReferralReason: '' }, []],
  ])('closing from investigating: %s', (_n, input, fields) => {
    const r = checkTransition('investigating', 'close', { ...input, roles: ['coordinator'] });
    expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual(fields);
  });

  it('closing after a referral needs no reason for not referring', () => {
    expect(checkTransition('acknowledged', 'close', { ...full, severity: 'high', noReferralReason: '', roles: ['coordinator'] })).toEqual({
      ok: true,
      to: 'closed',
      approval: null,
    });
  });

  it.each([
    ['refer without a sent referral', 'investigating', 'refer', { referralSent: false }, 'referral'],
    ['acknowledge without a reference', 'referred', 'acknowledge', { reference: ' ' }, 'reference'],
  ] as const)('%s is refused', (_n, from, action, extra, field) => {
    const r = checkTransition(from, action, { ...full, ...extra, roles: [ACTOR[action]] });
    expect(r.ok ? null : r.errors[0]!.field).toBe(field);
  });

  it.each([
    ['new', ['coordinator'], ['start', 'close']],
    ['investigating', ['coordinator'], ['refer', 'close']],
    ['investigating', ['principal'], ['refer']],
    ['referred', ['social_services'], ['acknowledge']],
    ['closed', ['coordinator'], []],
  ] as const)('actions from %s for %j', (from, roles, actions) => {
    expect(actionsFrom(from, roles)).toEqual(actions);
  });

  // Closing: state × severity × outcome × sent referral × setting → the close waits for a second coordinator, and why.
  it.each([
    ['new', 'medium', 'returned', false, false, null],
    ['new', 'high', 'returned', false, true, 'high_severity'],
    ['investigating', 'high', 'returned', false, true, 'high_severity'],
    ['investigating', 'high', 'returned', false, false, null],
    ['investigating', 'medium', 'returned', false, true, null],
    // A concern outcome never closes on one person's word unless a referral was sent, whatever the setting.
    ['new', 'low', 'suspected_taken_abroad', false, false, 'concern_outcome'],
    ['new', 'medium', 'whereabouts_unknown', false, false, 'concern_outcome'],
    ['investigating', 'medium', 'abroad_without_leave', false, false, 'concern_outcome'],
    ['investigating', 'high', 'suspected_taken_abroad', false, true, 'concern_outcome'],
    ['investigating', 'medium', 'suspected_taken_abroad', true, false, null],
    ['investigating', 'high', 'whereabouts_unknown', true, true, 'high_severity'],
    ['acknowledged', 'high', 'suspected_taken_abroad', true, true, null],
  ] as const)(
    'close from %s, severity %s, outcome %s, referral sent %s, setting %s → approval %s',
    (from, severity, outcome, referralSent, setting, approval) => {
      const r = checkTransition(from, 'close', { ...full, severity, outcome, referralSent, secondApprovalSetting: setting, roles: ['coordinator'] });
      expect(r).toEqual({ ok: true, to: 'closed', approval });
    },
  );

  it('the concern outcomes are the ones that do not say the child is safe', () => {
    expect([...CONCERN_OUTCOMES].sort()).toEqual(['abroad_without_leave', 'suspected_taken_abroad', 'whereabouts_unknown']);
    expect(CONCERN_OUTCOMES.every((o) => OUTCOMES.includes(o))).toBe(true);
  });
});
