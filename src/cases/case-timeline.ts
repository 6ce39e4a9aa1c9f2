/**
 * The case timeline in plain Swedish: each stored event (case-repository.ts, CaseEvent)
 * as who did what and when, in Europe/Stockholm time, with rule titles instead of ids and
 * state names instead of codes. The event's own text (a note, a contact's result, a
 * close comment) is kept as written and shown under the sentence.
 */
import { fullDateText } from '../rules';
import { swedishList } from '../calendar';
import { t } from '../i18n';
import { CASE_STATE_SV, OUTCOME_SV, type CaseState, type Outcome } from './case-model';
import type { CaseEvent } from './case-repository';
import { dateTimeText } from './case-view';

export interface TimelineItem {
  when: string;
  who: string;
  sentence: string;
  /** What the person wrote, or the system's reason; null when the sentence says it all. */
  text: string | null;
}

const stateName = (s: string | null): string => (s && s in CASE_STATE_SV ? CASE_STATE_SV[s as CaseState] : t('timeline.unknownState'));
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const isoDay = (v: unknown): string | null => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? fullDateText(v) : null);

function sentenceOf(e: CaseEvent, ruleTitle: (id: string) => string): { sentence: string; keepText: boolean } {
  const d = e.details ?? {};
  switch (e.kind) {
    case 'created': {
      const rules = list(d.rules).map(ruleTitle);
      if (d.origin === 'watch_list') return { sentence: t('timeline.createdWatchList'), keepText: true };
      if (d.origin === 'manual') return { sentence: t('timeline.createdManual'), keepText: true };
      return { sentence: rules.length ? t('timeline.createdFlags', { rules: swedishList(rules) }) : t('timeline.created'), keepText: true };
    }
    case 'transition':
      if (e.toState === 'closed') {
        const outcome = typeof d.outcome === 'string' && d.outcome in OUTCOME_SV ? OUTCOME_SV[d.outcome as Outcome] : null;
        return { sentence: outcome ? t('timeline.closedWith', { outcome }) : t('timeline.closed'), keepText: true };
      }
      if (e.toState === 'referred') return { sentence: t('timeline.referred'), keepText: true };
      if (e.toState === 'acknowledged') return { sentence: t('timeline.acknowledged'), keepText: true };
      // The stored text of a plain change is the new state's name: the sentence says it.
      return { sentence: t('timeline.stateChanged', { from: stateName(e.fromState), to: stateName(e.toState) }), keepText: false };
    case 'note':
      return { sentence: t('timeline.note'), keepText: true };
    case 'contact': {
      const party = typeof d.partyName === 'string' ? d.partyName.toLowerCase() : t('timeline.someone');
      const date = isoDay(d.date);
      return { sentence: date ? t('timeline.contactOn', { party, date }) : t('timeline.contact', { party }), keepText: true };
    }
    case 'assigned':
      return { sentence: t('timeline.assigned'), keepText: true };
    case 'recheck': {
      const date = isoDay(d.date);
      return { sentence: date ? t('timeline.recheckSet', { date }) : t('timeline.recheckCleared'), keepText: false };
    }
    case 'flags': {
      const added = list(d.added).map(ruleTitle);
      const removed = list(d.removed).map(ruleTitle);
      const parts = [
        ...(added.length ? [t('timeline.flagsAdded', { rules: swedishList(added) })] : []),
        ...(removed.length ? [t('timeline.flagsRemoved', { rules: swedishList(removed) })] : []),
      ];
      return { sentence: parts.length ? parts.join(' ') : t('timeline.flagsChanged'), keepText: true };
    }
    case 'seen_elsewhere':
      return { sentence: t('timeline.seenElsewhere'), keepText: true };
    case 'transferred':
      return { sentence: t('timeline.transferred'), keepText: true };
    case 'approval_requested': {
      const outcome = typeof d.outcome === 'string' && d.outcome in OUTCOME_SV ? OUTCOME_SV[d.outcome as Outcome] : null;
      return { sentence: outcome ? t('timeline.approvalRequestedWith', { outcome }) : t('timeline.approvalRequested'), keepText: true };
    }
    case 'approval_given':
      return { sentence: t('timeline.approvalGiven'), keepText: true };
    case 'approval_refused':
      return { sentence: t('timeline.approvalRefused'), keepText: true };
    default:
      return { sentence: t('timeline.other'), keepText: true };
  }
}

/** The events, newest first, as the case page shows them. */
export function timelineItems(events: readonly CaseEvent[], ruleTitle: (id: string) => string): TimelineItem[] {
  return events
    .slice()
    .reverse()
    .map((e) => {
      const { sentence, keepText } = sentenceOf(e, ruleTitle);
      const text = keepText && e.text && e.text.trim() ? e.text.trim() : null;
      return { when: dateTimeText(e.at), who: e.actorLabel, sentence, text };
    });
}

/** Every event kind the case code writes; the test holds each to a sentence of its own. */
export const EVENT_KINDS = [
  'created',
  'transition',
  'note',
  'contact',
  'assigned',
  'recheck',
  'flags',
  'seen_elsewhere',
  'transferred',
  'approval_requested',
  'approval_given',
  'approval_refused',
] as const;
