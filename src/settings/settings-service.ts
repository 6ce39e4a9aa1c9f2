import type { Actor } from '../shared';
import { hasRole } from '../shared';
import { ForbiddenError, ValidationError, fieldErrorsFromZod } from '../shared';
import { formatVocabulary, generalSettingsSchema, parseDays, parseNonSchoolDays, parseVocabulary } from './settings-schema';
import type { AuditService } from '../audit';
import type { Clock } from '../shared';
import type { Status } from '../imports';
import type { SettingsRepository } from './settings-repository';
import { REMINDER_DEFAULTS } from './reminder-defaults';
import { RETENTION_DEFAULTS } from './retention-defaults';
import { t } from '../i18n';

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
  /** Reminders to schools that have not confirmed: days before the deadline (0 = the deadline day). */
  reminderDaysBefore: number[];
  /** Reminders to schools that have not confirmed: days after the deadline (at least 1). */
  reminderDaysAfter: number[];
  /** The municipality's routine for reports of concern, shown on and frozen into every referral. */
  referralRoutine: string;
  /** Closing a high-severity case without a referral waits for a second coordinator. */
  secondApprovalRequired: boolean;
  /** The second factor also for password accounts without a role (every role already needs it). */
  secondFactorForAll: boolean;
  /** With OpenID Connect set up: no password logins, everyone through the identity provider. */
  passwordLoginOff: boolean;
  /** Working days social services have to confirm a referral before it shows as overdue and is reminded once. */
  acknowledgeWorkingDays: number;
  /** Statistics leaving the municipality: counts from 1 to this − 1 are shown as "<this". */
  statsSuppressionThreshold: number;
  /** Statistics leaving the municipality: schools with fewer pupils mapped are not listed on their own. */
  statsMinSchoolSize: number;
  /** Retention (gallring), see src/retention/retention-policy.ts and docs/operations.md. */
  retentionRoundDataMonths: number;
  retentionClosedCaseMonths: number;
  /** 0: cases with a referral are kept (the document management plan decides). */
  retentionReferralCaseMonths: number;
  retentionAuditYears: number;
}

export const SETTING_DEFAULTS: Settings = {
  municipalityName: 'Kommunen',
  excludeProtectedFromImport: false,
  statusVocabulary: {},
  reminderDaysBefore: [...REMINDER_DEFAULTS.daysBefore],
  reminderDaysAfter: [...REMINDER_DEFAULTS.daysAfter],
  referralRoutine:
    'Anmälan görs genast när det finns oro för att ett barn far illa (14 kap. 1 § socialtjänstlagen). ' +
    'Vid akut fara: ring socialjouren och polisen på 112. Socialtjänsten kan ansöka om utreseförbud enligt LVU. ' +
    'Kontakta inte vårdnadshavare om det kan utsätta barnet för fara.',
  secondApprovalRequired: false,
  secondFactorForAll: false,
  passwordLoginOff: false,
  acknowledgeWorkingDays: 2,
  statsSuppressionThreshold: 5,
  statsMinSchoolSize: 10,
  retentionRoundDataMonths: RETENTION_DEFAULTS.roundDataMonths,
  retentionClosedCaseMonths: RETENTION_DEFAULTS.closedCaseMonths,
  retentionReferralCaseMonths: RETENTION_DEFAULTS.referralCaseMonths,
  retentionAuditYears: RETENTION_DEFAULTS.auditYears,
};

export interface GeneralSettingsForm {
  municipalityName: string;
  excludeProtectedFromImport: boolean;
  statusVocabulary: string;
  nonSchoolDays: string;
  reminderDaysBefore: string;
  reminderDaysAfter: string;
  statsSuppressionThreshold: string;
  statsMinSchoolSize: string;
}

export class SettingsService {
  constructor(
    private readonly deps: {
      repo: SettingsRepository;
      audit: AuditService;
      clock: Clock;
    },
  ) {}

  get<K extends keyof Settings>(key: K): Settings[K] {
    const v = this.deps.repo.get(key);
    return v === undefined ? SETTING_DEFAULTS[key] : (v as Settings[K]);
  }

  set<K extends keyof Settings>(actor: Actor, key: K, value: Settings[K]): void {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError();
    this.deps.repo.set(key, value, this.deps.clock().toISOString(), actor.userId);
    this.deps.audit.record(actor, { action: 'settings.update', objectType: 'setting', objectId: key });
  }

  nonSchoolDaySet(): Set<string> {
    return new Set(this.deps.repo.nonSchoolDays().map((d) => d.date));
  }

  /** The settings page's values, as the admin sees and edits them. */
  generalForm(actor: Actor): GeneralSettingsForm {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError();
    return {
      municipalityName: this.get('municipalityName'),
      excludeProtectedFromImport: this.get('excludeProtectedFromImport'),
      statusVocabulary: formatVocabulary(this.get('statusVocabulary')),
      nonSchoolDays: this.deps.repo
        .nonSchoolDays()
        .map((d) => `${d.date} ${d.reason}`)
        .join('\n'),
      reminderDaysBefore: this.get('reminderDaysBefore').join(', '),
      reminderDaysAfter: this.get('reminderDaysAfter').join(', '),
      statsSuppressionThreshold: String(this.get('statsSuppressionThreshold')),
      statsMinSchoolSize: String(this.get('statsMinSchoolSize')),
    };
  }

  /** Saves the settings page whole, or nothing if any part is wrong. */
  updateGeneral(actor: Actor, input: unknown): void {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError();
    const parsed = generalSettingsSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
    const vocabulary = parseVocabulary(parsed.data.statusVocabulary);
    const days = parseNonSchoolDays(parsed.data.nonSchoolDays);
    const before = parseDays(parsed.data.reminderDaysBefore, 0, t('settings.errors.paminnelserForeSistaDagen'));
    const after = parseDays(parsed.data.reminderDaysAfter, 1, t('settings.errors.paminnelserEfterSistaDagen'));
    const errors = [
      ...vocabulary.errors.map((message) => ({ field: 'statusVocabulary', message })),
      ...days.errors.map((message) => ({ field: 'nonSchoolDays', message })),
      ...before.errors.map((message) => ({ field: 'reminderDaysBefore', message })),
      ...after.errors.map((message) => ({ field: 'reminderDaysAfter', message })),
    ];
    if (errors.length) throw new ValidationError(errors);
    const at = this.deps.clock().toISOString();
    this.deps.repo.set('municipalityName', parsed.data.municipalityName, at, actor.userId);
    this.deps.repo.set('excludeProtectedFromImport', parsed.data.excludeProtectedFromImport, at, actor.userId);
    this.deps.repo.set('statusVocabulary', vocabulary.value, at, actor.userId);
    this.deps.repo.replaceNonSchoolDays(days.value);
    this.deps.repo.set('reminderDaysBefore', before.value, at, actor.userId);
    this.deps.repo.set('reminderDaysAfter', after.value, at, actor.userId);
    if (parsed.data.statsSuppressionThreshold !== undefined)
      this.deps.repo.set('statsSuppressionThreshold', parsed.data.statsSuppressionThreshold, at, actor.userId);
    if (parsed.data.statsMinSchoolSize !== undefined) this.deps.repo.set('statsMinSchoolSize', parsed.data.statsMinSchoolSize, at, actor.userId);
    this.deps.audit.record(actor, {
      action: 'settings.update',
      objectType: 'setting',
      objectId: 'general',
      details: {
        excludeProtectedFromImport: parsed.data.excludeProtectedFromImport,
        statusWords: Object.keys(vocabulary.value).length,
        nonSchoolDays: days.value.length,
      },
    });
  }
}
