/**
 * The audit log in words: each action the code records (`login.success`, `case.read`)
 * and each object (`round 7`) as a Swedish phrase from the catalogue's audit.action.* and
 * audit.object.* keys. The log itself keeps the action names (they are what an export
 * and a filter match); only the page shows the words. audit-labels.test.ts scans the
 * source and fails when an action has no words.
 */
import { isMessageKey, keysWithPrefix, t, type KeySuffix } from '../i18n';

type LabelledAction = KeySuffix<'audit.action.'>;
type LabelledObject = KeySuffix<'audit.object.'>;

export function isLabelledAction(action: string): action is LabelledAction {
  return isMessageKey(`audit.action.${action}`);
}

function isLabelledObject(type: string): type is LabelledObject {
  return isMessageKey(`audit.object.${type}`);
}

/** "Inloggning"; an action without words yet shows its name in brackets rather than nothing. */
export function auditActionLabel(action: string): string {
  return isLabelledAction(action) ? t(`audit.action.${action}`) : t('audit.unknownAction', { action });
}

/** The object types the code records, for the test that each has a word. */
export const AUDIT_OBJECT_TYPES: readonly string[] = [
  'api_token',
  'audit_log',
  'backup',
  'case',
  'pending_preview',
  'pupil',
  'referral',
  'round',
  'rule_set',
  'school',
  'setting',
  'social_unit',
  'statistics',
  'upload',
  'user',
  'watch_list',
].filter(isLabelledObject);

/** "Omgång HT2026 efter sommarlovet" when the round's name is known, otherwise "Omgång 7"; "Ärende 12". */
export function auditObjectLabel(type: string | null, id: string | null, name: string | null = null): string {
  if (!type) return '';
  const shown = name ?? id ?? '';
  const label = isLabelledObject(type) ? t(`audit.object.${type}`, { id: shown }) : t('audit.unknownObject', { id: shown });
  return label.trim();
}

/**
 * The actions whose Swedish words contain the text (case does not matter), so the log
 * can be filtered the way it reads: "inloggning" finds every kind of login.
 */
export function actionsMatching(text: string): string[] {
  const needle = text.trim().toLocaleLowerCase('sv');
  if (!needle) return [];
  return keysWithPrefix('audit.action.').filter((a) => auditActionLabel(a).toLocaleLowerCase('sv').includes(needle));
}
