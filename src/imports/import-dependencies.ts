/**
 * What an import needs from rounds and settings, as interfaces: RoundService and
 * SettingsService provide them (checked where services.ts wires them), and imports sits
 * below both folders instead of importing them (rounds and settings read imports).
 */
import type { Actor } from '../shared';
import type { Status } from '../shared';

/** The fields of a round an upload is checked against. */
export interface ImportRound {
  schoolIds: number[];
  state: string;
  termStart: string;
  windowDays: number;
}

export interface ImportRounds {
  /** The round, scoped to the actor (an out-of-scope round is not found). */
  get(actor: Actor, roundId: number): ImportRound;
  /** The observed school days of the round the file must cover (given the round `get` returned). */
  windowDates(round: ImportRound): string[];
  nonSchoolDays(): Set<string>;
}

export interface ImportSettings {
  get(key: 'statusVocabulary'): Record<string, Status>;
  get(key: 'excludeProtectedFromImport'): boolean;
}
