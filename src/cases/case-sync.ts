import type { AuditService } from '../audit';
import { t } from '../i18n';
import type { CaseAttentionNotice } from '../rounds';
import { compareSeverity, type Actor, type Clock } from '../shared';
import type { CaseRepository, CaseRow, Severity } from './case-repository';

/** Timeline events the sync writes on its own are the system's, whoever's upload ran it. */
const SYSTEM = { userId: null, label: 'Saknad (automatiskt)' };

/** Swedish genitive of a school's name: "Betaskolan" → "Betaskolans"; a name ending in s, x or z takes no extra s. */
export function genitive(name: string): string {
  return /[sxz]$/i.test(name) ? name : `${name}s`;
}

/**
 * Cases follow the flags: after every evaluation of a round (RoundEvaluation, in the
 * evaluation's transaction) the round's cases are brought in line with its flags, watch
 * list and hand-added pupils.
 */
export class CaseSync {
  private readonly repo: CaseRepository;
  private readonly audit: AuditService;
  private readonly clock: Clock;

  constructor(deps: { repo: CaseRepository; audit: AuditService; clock: Clock }) {
    this.repo = deps.repo;
    this.audit = deps.audit;
    this.clock = deps.clock;
  }

  /**
   * Brings the round's cases in line with its flags, watch list and hand-added pupils,
   * after every evaluation. Nothing is dropped: a case whose flags all cleared stays,
   * with the reason on its timeline. A pupil found on another school's roster gets a
   * "finns i [skola]s fil" event, and the case's principals and the coordinators are told
   * (no personal data in the mail); the case itself does not change.
   */
  sync(actor: Actor, roundId: number): { result: { created: number; changed: number; seenElsewhere: number }; notices: CaseAttentionNotice[] } {
    const { notices, ...result } = this.syncInTransaction(actor, roundId);
    if (result.created || result.changed || result.seenElsewhere) {
      this.audit.record(actor, { action: 'case.sync', objectType: 'round', objectId: roundId, details: { ...result } });
    }
    // Returned, not sent: the caller sends them once the evaluation around this sync has committed.
    return { result, notices };
  }

  private syncInTransaction(actor: Actor, roundId: number): { created: number; changed: number; seenElsewhere: number; notices: CaseAttentionNotice[] } {
    const at = this.clock().toISOString();
    return this.repo.transaction(() => {
      const existing = new Map(this.repo.roundCases(roundId).map((c) => [c.pupilId, c]));
      // One case per pupil: the flag with the highest severity decides the school.
      const wanted = new Map<number, { schoolId: number; origin: CaseRow['origin']; severity: Severity | null; rules: Set<string>; watchListed: boolean }>();
      for (const s of this.repo.sources(roundId)) {
        const w = wanted.get(s.pupilId);
        if (!w) {
          wanted.set(s.pupilId, { schoolId: s.schoolId, origin: s.origin, severity: s.severity, rules: new Set(s.rules), watchListed: s.watchListed });
          continue;
        }
        s.rules.forEach((r) => w.rules.add(r));
        w.watchListed ||= s.watchListed;
        if (s.severity && (!w.severity || compareSeverity(s.severity, w.severity) > 0)) {
          w.severity = s.severity;
          w.schoolId = s.schoolId;
          w.origin = 'flag';
        }
      }
      let created = 0;
      let changed = 0;
      for (const [pupilId, w] of wanted) {
        const rules = [...w.rules].sort();
        const c = existing.get(pupilId);
        if (!c) {
          const id = this.repo.insert({
            roundId,
            pupilId,
            schoolId: w.schoolId,
            origin: w.origin,
            watchListed: w.watchListed,
            severity: w.severity ?? 'medium',
            rules,
            at,
          });
          this.repo.addEvent(id, actor, { kind: 'created', toState: 'new', details: { origin: w.origin, rules } }, at);
          created++;
          continue;
        }
        existing.delete(pupilId);
        const severity = w.severity ?? c.severity;
        if (rules.join() === c.rules.join() && severity === c.severity && w.watchListed === c.watchListed) continue;
        this.repo.update(c.id, { rules: JSON.stringify(rules), severity, watch_listed: w.watchListed || c.watchListed ? 1 : 0 }, at);
        const added = rules.filter((r) => !c.rules.includes(r));
        const removed = c.rules.filter((r) => !rules.includes(r));
        if (added.length || removed.length) this.repo.addEvent(c.id, actor, { kind: 'flags', details: { added, removed, severity } }, at);
        changed++;
      }
      // Cases with no source left (every flag cleared): kept, with the reasons.
      for (const c of existing.values()) {
        if (!c.rules.length) continue;
        this.repo.update(c.id, { rules: '[]' }, at);
        this.repo.addEvent(
          c.id,
          actor,
          {
            kind: 'flags',
            text: this.repo.clearedReasons(roundId, c.pupilId, c.schoolId).join(' '),
            details: { added: [], removed: c.rules, severity: c.severity },
          },
          at,
        );
        changed++;
      }
      // The pupil is on another municipal school's roster: the case's school is told, and a
      // person decides what it means (a follow-up transfer, or a close with "new school").
      // Nothing is closed, moved or marked located here.
      const seen = this.repo.newSightings(roundId);
      for (const sighting of seen) {
        this.repo.recordSighting(sighting.caseId, sighting.schoolId, sighting.uploadId, at);
        // Which school stays off the timeline of a protected pupil, in the text and the details
        // (the case page shows it on a coordinator's reveal; case_sightings keeps the upload).
        const where = sighting.protectedIdentity ? 'en annan skolas' : genitive(sighting.schoolName);
        this.repo.addEvent(
          sighting.caseId,
          SYSTEM,
          {
            kind: 'seen_elsewhere',
            text: t('cases.events.filForOmgangenArendet', { where }),
            details: sighting.protectedIdentity ? null : { school: sighting.schoolId, upload: sighting.uploadId },
          },
          at,
        );
      }
      return {
        created,
        changed,
        seenElsewhere: seen.length,
        notices: seen.map((t) => ({ roundId, caseId: t.caseId, schoolId: t.caseSchoolId, seenAtSchoolId: t.schoolId })),
      };
    });
  }
}
