/**
 * A school's choices for status words no rule understood, as the edges receive them:
 * `--status WORD=STATUS` on the command line, `status` fields in the API's multipart
 * body, and word/status pairs from the preview's form. Each edge parses here and the
 * import service gets plain `word → Status`; every problem is a Swedish sentence.
 */
import { checkStatusVocabulary, STATUSES, type Status } from './normalise';
import { t } from '../i18n';

export type StatusWords = Record<string, Status>;

/** The status names a user types (the ones the code and the JSON report use). */
export const STATUS_NAMES = STATUSES.join(', ');

const isStatus = (s: string): s is Status => (STATUSES as readonly string[]).includes(s);

/** One word and the status chosen for it: the status must be one of the five, the word one that may mean it. */
export function checkStatusChoice(word: string, status: string): string | null {
  if (!isStatus(status)) return t('imports.errors.okandBetydelseForOrdet', { status, word, statusNames: STATUS_NAMES });
  return checkStatusVocabulary({ [word]: status })[0] ?? null;
}

/** `["Studiebesök=valid", …]` → words, or the problems (nothing is taken when any is wrong). */
export function parseStatusAssignments(items: readonly string[]): { ok: true; words: StatusWords } | { ok: false; errors: string[] } {
  const words: StatusWords = {};
  const errors: string[] = [];
  for (const item of items) {
    // The last '=': a status name has none, a word might.
    const at = item.lastIndexOf('=');
    const word = at < 0 ? '' : item.slice(0, at).trim();
    const status = at < 0 ? '' : item.slice(at + 1).trim();
    if (!word || !status) {
      errors.push(t('imports.errors.skrivasOrdBetydelseExempel', { item, statusNames: STATUS_NAMES }));
      continue;
    }
    const problem = checkStatusChoice(word, status);
    if (problem) errors.push(problem);
    else words[word] = status as Status;
  }
  return errors.length ? { ok: false, errors } : { ok: true, words };
}
