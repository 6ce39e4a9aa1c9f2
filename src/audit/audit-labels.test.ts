import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMessageKey, keysWithPrefix } from '../i18n';
import { AUDIT_OBJECT_TYPES, auditActionLabel, auditObjectLabel, isLabelledAction } from './audit-labels';

/**
 * Every audit action the code records has a Swedish label: the log shows words, not
 * `login.success`. The scan reads the source for the action names as written.
 */
const root = join(__dirname, '..');
const sources = readdirSync(root, { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
  .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));

/** Names built at run time, and what they expand to (a new template fails the test until it is listed here). */
const TEMPLATES: Record<string, string[]> = {
  'login.oidc_${reason}': ['login.oidc_unknown', 'login.oidc_inactive', 'login.oidc_failed'],
  'case.${event.kind}': [
    'case.note',
    'case.contact',
    'case.recheck',
    'case.assigned',
    'case.transition',
    'case.approval_requested',
    'case.approval_given',
    'case.approval_refused',
  ],
};

/** `action:` in an object literal that is not an audit event (transition tables, helmet, form targets). */
const NOT_AUDIT = new Set(['start', 'refer', 'acknowledge', 'close', 'deny', '/omgangar', '/omgangar/${round.id}/andra', '/omgangar/${id}/andra']);

const literal = /(['`])([^'`\s]+)\1/g;

/** The action names in the source: every literal of an `action:` expression, and dotted names handed to an audit helper. */
export function actionNames(texts: readonly string[]): string[] {
  const names = new Set<string>();
  const prefixes = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(/\baction:\s*([^,\n]+)/g)) {
      for (const l of m[1]!.matchAll(literal)) if (!NOT_AUDIT.has(l[2]!)) names.add(l[2]!);
    }
  }
  for (const n of names) if (n.includes('.')) prefixes.add(n.slice(0, n.indexOf('.')));
  // Names passed on to a helper that records them (reminder notices): dotted, with a known prefix, and no message key.
  for (const text of texts) {
    for (const l of text.matchAll(/'([a-z_]+\.[a-z_.]+)'/g)) {
      const name = l[1]!;
      if (prefixes.has(name.slice(0, name.indexOf('.'))) && !isMessageKey(name) && !name.endsWith('.')) names.add(name);
    }
  }
  return [...names].flatMap((n) => (n.includes('${') ? (TEMPLATES[n] ?? [n]) : [n])).sort();
}

describe('audit action labels', () => {
  const names = actionNames(sources);

  it('the scan finds actions (it is not blind)', () => {
    expect(names).toEqual(expect.arrayContaining(['login.success', 'case.read', 'school_report.notice', 'case.note', 'login.oidc_failed', 'logout']));
    expect(actionNames(["record(a, { action: x ? 'thing.one' : 'thing.two' })", "{ action: 'start' }"])).toEqual(['thing.one', 'thing.two']);
  });

  it('has a Swedish label for every action the code records', () => {
    expect(names.filter((n) => !isLabelledAction(n))).toEqual([]);
  });

  it('labels no action that the code no longer records', () => {
    const labelled = keysWithPrefix('audit.action.');
    expect(labelled.filter((n) => !names.includes(n))).toEqual([]);
  });

  it('says an action it has no label for in words, with the name for the record', () => {
    expect(auditActionLabel('something.new')).toBe('Annan händelse (something.new)');
    expect(auditActionLabel('login.success')).toBe('Inloggning');
  });

  it.each<[string | null, string | null, string | null, string]>([
    ['round', '7', 'HT2026 efter sommarlovet', 'Omgång HT2026 efter sommarlovet'],
    ['round', '7', null, 'Omgång 7'],
    ['case', '12', null, 'Ärende 12'],
    ['pupil', '3', null, 'Elev 3'],
    ['audit_log', null, null, 'Loggen'],
    ['rule_set', '2', null, 'Regeluppsättning version 2'],
    ['something_else', '5', null, 'Objekt 5'],
    [null, null, null, ''],
  ])('%s %s (%s) → %s', (type, id, name, label) => {
    expect(auditObjectLabel(type, id, name)).toBe(label);
  });

  it('has a word for every object type the code records', () => {
    const types = new Set(sources.flatMap((text) => [...text.matchAll(/objectType:\s*'([a-z_]+)'/g)].map((m) => m[1]!)));
    expect([...types].filter((type) => !AUDIT_OBJECT_TYPES.includes(type))).toEqual([]);
  });
});
