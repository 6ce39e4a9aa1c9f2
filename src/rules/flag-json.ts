import type { FlaggedPupil } from './rules-service';

/**
 * The flag list's JSON contract, shared by the CLI and /api/v1:
 * {"round": ID, "flagged": [{"pupil": {"personalNumber", "name", "protected"}, "school": "CODE",
 *   "rules": [{"id", "severity", "explanation", "evidence"}]}]}
 * Protected pupils have name null and personalNumber "YYYYMMDD-****".
 */
export function flagsJson(roundId: number, flagged: FlaggedPupil[]) {
  return {
    round: roundId,
    flagged: flagged.map((f) => ({
      pupil: { personalNumber: f.pupil.personalNumber, name: f.pupil.name, protected: f.pupil.protected },
      school: f.school.code,
      rules: f.rules.map((r) => ({ id: r.id, severity: r.severity, explanation: r.explanation, evidence: r.evidence })),
    })),
  };
}
