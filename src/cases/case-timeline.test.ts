import { t } from '../i18n';
import type { CaseEvent } from './case-repository';
import { EVENT_KINDS, timelineItems } from './case-timeline';

const titles: Record<string, string> = { 'not-returned': 'Har inte kommit tillbaka', siblings: 'Syskon är också flaggat' };
const title = (id: string) => titles[id] ?? 'Regel som inte längre finns';
const event = (kind: string, more: Partial<CaseEvent> = {}): CaseEvent => ({
  id: 1,
  at: '2026-08-27T10:15:00.000Z',
  actorLabel: 'samordnare@kommun.invalid',
  kind,
  fromState: null,
  toState: null,
  text: null,
  details: null,
  ...more,
});

describe('timelineItems', () => {
  it.each<[string, CaseEvent, string, string | null]>([
    [
      'created from flags',
      event('created', { toState: 'new', details: { origin: 'flag', rules: ['not-returned', 'siblings'] } }),
      'Ärendet skapades efter flaggan Har inte kommit tillbaka och Syskon är också flaggat.',
      null,
    ],
    ['created from the watch list', event('created', { details: { origin: 'watch_list', rules: [] } }), 'Ärendet skapades från bevakningslistan.', null],
    ['created by hand', event('created', { details: { origin: 'manual' } }), 'Ärendet skapades när skolan lade till eleven.', null],
    [
      'a state change',
      event('transition', { fromState: 'new', toState: 'investigating', text: 'Utreds' }),
      'Ärendets status ändrades från ”Ny” till ”Utreds”.',
      null,
    ],
    [
      'closed',
      event('transition', { fromState: 'investigating', toState: 'closed', text: 'Har kommit tillbaka. Är i skolan.', details: { outcome: 'returned' } }),
      'Ärendet avslutades med utfallet ”Har kommit tillbaka”.',
      'Har kommit tillbaka. Är i skolan.',
    ],
    [
      'referred',
      event('transition', { fromState: 'investigating', toState: 'referred', text: 'Orosanmälan skickad till Mottagningen' }),
      'Ärendet orosanmäldes till socialtjänsten.',
      'Orosanmälan skickad till Mottagningen',
    ],
    [
      'acknowledged',
      event('transition', { fromState: 'referred', toState: 'acknowledged', text: 'diarienummer 12' }),
      'Socialtjänsten bekräftade att de tagit emot orosanmälan.',
      'diarienummer 12',
    ],
    ['a note', event('note', { text: 'Ringt mentor.' }), 'Skrev en anteckning.', 'Ringt mentor.'],
    [
      'a contact',
      event('contact', { text: 'Inget svar', details: { party: 'guardian', partyName: 'Vårdnadshavare', date: '2026-08-26' } }),
      'Registrerade en kontakt med vårdnadshavare den 26 augusti 2026.',
      'Inget svar',
    ],
    ['an assignment', event('assigned', { text: 'Tilldelat Anna', details: { userId: 3 } }), 'Ändrade vem som handlägger ärendet.', 'Tilldelat Anna'],
    [
      'a re-check date',
      event('recheck', { text: 'Uppföljning 2026-09-14', details: { date: '2026-09-14' } }),
      'Satte datum för återkontroll till 14 september 2026.',
      null,
    ],
    ['a re-check date removed', event('recheck', { text: 'Uppföljningsdatum borttaget', details: { date: null } }), 'Tog bort datumet för återkontroll.', null],
    [
      'flags changed',
      event('flags', { text: 'Villkoren uppfylls inte längre.', details: { added: ['siblings'], removed: ['not-returned'] } }),
      'Ny flagga: Syskon är också flaggat. Gäller inte längre: Har inte kommit tillbaka.',
      'Villkoren uppfylls inte längre.',
    ],
    ['a flag of a removed rule', event('flags', { details: { added: [], removed: ['old-rule'] } }), 'Gäller inte längre: Regel som inte längre finns.', null],
    ['seen elsewhere', event('seen_elsewhere', { text: 'Finns i Betaskolans fil.' }), 'Eleven finns i en annan skolas fil.', 'Finns i Betaskolans fil.'],
    ['transferred', event('transferred', { text: 'Finns i Betaskolan' }), 'Eleven registrerades som överflyttad.', 'Finns i Betaskolan'],
    [
      'approval requested',
      event('approval_requested', { text: 'Föreslås avslutas.', details: { outcome: 'returned' } }),
      'Föreslog att ärendet avslutas med utfallet ”Har kommit tillbaka”. Beslutet väntar på en andra samordnare.',
      'Föreslås avslutas.',
    ],
    ['approval given', event('approval_given'), 'Godkände beslutet att avsluta ärendet.', null],
    [
      'approval refused',
      event('approval_refused', { text: 'Vänta på svar från skolan.' }),
      'Godkände inte beslutet att avsluta ärendet.',
      'Vänta på svar från skolan.',
    ],
  ])('%s', (_name, e, sentence, text) => {
    expect(timelineItems([e], title)).toEqual([{ when: '27 augusti 2026 kl. 12:15', who: 'samordnare@kommun.invalid', sentence, text }]);
  });

  it.each([...EVENT_KINDS])('%s has a sentence of its own', (kind) => {
    expect(timelineItems([event(kind)], title)[0]!.sentence).not.toBe(t('timeline.other'));
  });

  it('lists the newest first, in Stockholm time also in winter', () => {
    const items = timelineItems([event('note', { at: '2026-12-01T08:00:00.000Z' }), event('note', { at: '2026-12-02T23:30:00.000Z' })], title);
    expect(items.map((i) => i.when)).toEqual(['3 december 2026 kl. 00:30', '1 december 2026 kl. 09:00']);
  });
});
