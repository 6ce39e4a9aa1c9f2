import { compileTemplate, formatEvidenceValue, renderTemplate } from './explain';

describe('renderTemplate', () => {
  it.each<[string, string, Record<string, string | number | boolean | null | string[]>, string]>([
    ['number as digits', 'Frånvarande {n} dagar.', { n: 12 }, 'Frånvarande 12 dagar.'],
    ['date without weekday', 'sedan terminsstart {termStart}', { termStart: '2026-08-17' }, 'sedan terminsstart 17 augusti 2026'],
    ['unknown placeholder stays visible', 'Hej {okänd} och {saknas}!', { n: 1 }, 'Hej {okänd} och {saknas}!'],
    ['missing key stays visible', 'Klass {previousClass}', {}, 'Klass {previousClass}'],
    ['null reads as okänt', 'datum {leftDate}', { leftDate: null }, 'datum okänt'],
    ['booleans in Swedish', '{a}/{b}', { a: true, b: false }, 'ja/nej'],
    ['list joined', '{days}', { days: ['2026-08-17', '2026-08-18'] }, '17 augusti 2026, 18 augusti 2026'],
    ['repeated placeholder', '{x}+{x}', { x: 2 }, '2+2'],
    ['braces that are no placeholder', 'a { b } {2} {', { b: 1 }, 'a { b } {2} {'],
    ['date-shaped but invalid', '{d}', { d: '2026-13-45' }, '2026-13-45'],
    ['plain text', 'Inget att fylla i.', {}, 'Inget att fylla i.'],
    ['placeholder at both ends', '{a} mitt {b}', { a: 'A', b: 'B' }, 'A mitt B'],
    ['inherited property is not evidence', '{toString}', {}, '{toString}'],
  ])('%s', (_name, template, evidence, expected) => {
    expect(renderTemplate(template, evidence)).toBe(expected);
  });

  it('compiles a template once', () => {
    expect(compileTemplate('x {a} {b} {a}')).toBe(compileTemplate('x {a} {b} {a}'));
    expect(compileTemplate('x {a} {b} {a}').placeholders).toEqual(['a', 'b']);
  });

  it('formats a number as plain digits', () => {
    expect(formatEvidenceValue(100000)).toBe('100000');
  });
});
