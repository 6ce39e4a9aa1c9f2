import type { ReferralView } from '../../src/referrals/referral-service';
import { referralPdf, splitRtlRuns } from '../../src/referrals/referral-pdf';
import { pdfText } from '../helpers/pdf-text';

/** Issue 16, finding 2: names outside Windows-1252 come out of the referral PDF intact. */

const NAMES = ['Ayşe Yılmaz', 'Łukasz Wiśniewski', 'Ana Kovačević', 'عائشة يلماز', 'Zoë Øvergård-Ström', 'Дарья Иванова'];

function view(name: string): ReferralView {
  return {
    id: 7,
    caseId: 3,
    state: 'sent',
    urgency: 'normal',
    urgencyName: 'Inte brådskande',
    unit: { id: 1, name: 'Mottagningen Norr', onCallPhone: '08-100 100' },
    round: 'HT2026',
    createdAt: '2026-08-21T08:00:00Z',
    sentAt: '2026-08-21T08:00:00Z',
    sentBy: 'rektor@test.invalid',
    acknowledgedAt: null,
    acknowledgedBy: null,
    reference: null,
    overdue: false,
    pupilProtected: false,
    revealed: false,
    fields: [
      { key: 'pupilName', label: 'Elevens namn', value: name },
      { key: 'siblings', label: 'Syskon', value: `${name} (20100218-2390), Alfaskolan, 2B` },
      // "fl" and "fi" are drawn as ligatures: one glyph, two letters back.
      { key: 'concernSeen', label: 'Vad har du sett?', value: 'Familjen har flyttat och det finns ingen ny skola.' },
    ],
    routineText: 'Ring socialjouren vid akut fara.',
  };
}

describe('the referral PDF embeds a Unicode font', () => {
  it.each(NAMES)('renders %s and gives it back when the text is extracted', async (name) => {
    const pdf = await referralPdf(view(name), 'Exempelby kommun');
    const text = pdfText(pdf);
    expect(text).toContain('Orosanmälan');
    expect(text).toContain('Elevens namn');
    expect(text).toContain('Familjen har flyttat och det finns ingen ny skola.');
    expect(text.split('\n')).toContain(name);
    // A right-to-left run is its own text operator, so the helper gives it its own line.
    expect(text.replace(/\n/g, '')).toContain(`${name} (20100218-2390), Alfaskolan, 2B`);
    expect(text).not.toContain('\uFFFD');
  });

  it('embeds the font (a subset) rather than naming a standard one', async () => {
    const src = (await referralPdf(view(NAMES[0]!), 'Exempelby kommun')).toString('latin1');
    expect(src).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(src).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(src).not.toContain('/BaseFont /Helvetica');
  });

  it.each([
    ['Ayşe Yılmaz', ['Ayşe Yılmaz']],
    ['عائشة يلماز', ['عائشة\u00A0يلماز']],
    ['Amal عائشة يلماز (2010), 8B', ['Amal ', 'عائشة\u00A0يلماز', ' (2010), 8B']],
    ['שרה לוי, Alfaskolan', ['שרה\u00A0לוי', ', Alfaskolan']],
    ['', []],
  ])('splits %j into its right-to-left runs and the rest', (input, expected) => {
    expect(splitRtlRuns(input)).toEqual(expected);
  });
});
