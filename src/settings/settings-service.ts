import type { Actor } from '../auth/roles';
import { hasRole } from '../auth/roles';
import { ForbiddenError } from '../shared/errors';
import type { AuditService } from '../audit/audit-service';
import type { Clock } from '../shared/clock';
import type { Status } from '../imports/normalise';
import type { SettingsRepository } from './settings-repository';

/**
 * Municipal settings as typed keys with defaults. Later issues add their keys here
 * (status vocabulary, thresholds, retention) so every setting has one home.
 */
export interface Settings {
  municipalityName: string;
  /** Keep protected-identity pupils out of imports altogether; only their count is stored. */
  excludeProtectedFromImport: boolean;
  /** The municipality's own attendance words on top of the default vocabulary (word → status). */
  statusVocabulary: Record<string, Status>;
}

export const SETTING_DEFAULTS: Settings = {
  municipalityName: 'Kommunen',
  excludeProtectedFromImport: false,
  statusVocabulary: {},
};

export class SettingsService {
  constructor(
    private readonly repo: SettingsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  get<K extends keyof Settings>(key: K): Settings[K] {
    const v = this.repo.get(key);
    return v === undefined ? SETTING_DEFAULTS[key] : (v as Settings[K]);
  }

  set<K extends keyof Settings>(actor: Actor, key: K, value: Settings[K]): void {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError();
    this.repo.set(key, value, this.clock().toISOString(), actor.userId);
    this.audit.record(actor, { action: 'settings.update', objectType: 'setting', objectId: key });
  }
}
