/**
 * What an admin can tune per rule, and the check of a rule set before it is saved as a
 * new version. Messages are Swedish and name the rule, because the admin page shows all
 * nine rules at once.
 */
import { z } from 'zod';
import { SEVERITIES } from '../../shared';
import { RULE_IDS, type RuleDefinition, type RuleId } from '../types';
import { defaultRule } from './default-rules';
import { compileTemplate } from './explain';
import { RULE_TEMPLATE_FIELDS } from './template-fields';
import { t } from '../../i18n';

export interface RuleParameter {
  name: string;
  /** Swedish label on the admin page. */
  label: string;
  min: number;
  max: number;
}

/** Whole school days; 60 is about three months, far beyond any observation window. */
export const RULE_PARAMETERS: Readonly<Record<RuleId, readonly RuleParameter[]>> = {
  'not-returned': [{ name: 'minObservedDays', label: 'Minsta antal räknade skoldagar', min: 1, max: 60 }],
  'unexplained-absence': [{ name: 'minDays', label: 'Antal skoldagar med ogiltig frånvaro eller frånvaro utan angiven orsak', min: 1, max: 60 }],
  // A "streak" of one day would be any absence at all; that is the other rules' job.
  'long-absence': [{ name: 'minStreak', label: 'Antal skoldagar i rad utan närvaro', min: 2, max: 60 }],
  'left-without-destination': [],
  'vanished-from-roster': [],
  'watch-listed': [{ name: 'minObservedDays', label: 'Minsta antal räknade skoldagar', min: 1, max: 60 }],
  'leave-overrun': [{ name: 'minDaysAfter', label: 'Antal skoldagar efter ledighetens slut', min: 1, max: 60 }],
  siblings: [],
  'previously-flagged': [],
};

export interface FieldError {
  field: string;
  message: string;
}

export type RuleSetValidation = { ok: true; rules: RuleDefinition[] } | { ok: false; errors: FieldError[] };

const text = (what: string, max: number) =>
  z
    .string({ error: `Skriv ${what}.` })
    .trim()
    .min(1, { error: `Skriv ${what}.` })
    .max(max, { error: t('rules.errors.farVaraHogstTecken', { what: capitalise(what), max }) });

const ruleShape = z.strictObject(
  {
    id: z.enum(RULE_IDS),
    title: text('en rubrik', 120),
    description: text('en beskrivning', 1000),
    template: text('en mening för flaggan', 1000),
    severity: z.enum(SEVERITIES, { error: t('rules.errors.valjAllvarlighetsgradLagMedel') }),
    enabled: z.boolean({ error: t('rules.errors.angeOmRegelnAr') }),
    params: z.record(z.string(), z.unknown(), { error: t('rules.errors.installningarnaSaknas') }),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `Okänt fält: ${issue.keys.join(', ')}.` : undefined) },
);

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const isRuleId = (v: unknown): v is RuleId => typeof v === 'string' && (RULE_IDS as readonly string[]).includes(v);

/**
 * Checks a rule set from the admin page or an API call: all nine rules, each once, known
 * fields, templates that only use the rule's placeholders, and every parameter a whole
 * number within its range (a number written as text, as a form sends it, is accepted).
 * Returns the rules in the canonical order with trimmed text, or every error found.
 * Field names: "<rule id>.<field>", "<rule id>.params.<name>", or "rules" / "rules.<index>"
 * for an entry without a known id.
 */
export function validateRuleSet(rules: unknown): RuleSetValidation {
  if (!Array.isArray(rules)) {
    return { ok: false, errors: [{ field: 'rules', message: t('rules.errors.regeluppsattningenMasteVaraLista') }] };
  }
  const errors: FieldError[] = [];
  const byId = new Map<RuleId, RuleDefinition>();
  const seen = new Set<RuleId>();

  rules.forEach((raw: unknown, index) => {
    const id = raw !== null && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
    if (!isRuleId(id)) {
      const message = typeof id === 'string' && id.trim() !== '' ? t('rules.errors.okandRegel', { id }) : t('rules.errors.ruleWithoutId');
      errors.push({ field: `rules.${index}`, message });
      return;
    }
    const name = defaultRule(id).title;
    if (seen.has(id)) {
      errors.push({ field: `${id}`, message: t('rules.errors.regelnMerAnGang', { name }) });
      return;
    }
    seen.add(id);

    const before = errors.length;
    const parsed = ruleShape.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push({ field: [id, ...issue.path.map(String)].join('.'), message: `${name}: ${issue.message}` });
      }
    }
    // Checked also when another field failed, so the admin sees every error at once.
    const rawParams = (raw as { params?: unknown }).params;
    const params = isPlainObject(rawParams) ? checkParams(id, name, rawParams, errors) : {};
    const template = (raw as { template?: unknown }).template;
    if (typeof template === 'string') checkTemplate(id, name, template, errors);
    if (parsed.success && errors.length === before) byId.set(id, { ...parsed.data, params });
  });

  for (const id of RULE_IDS) {
    if (!seen.has(id)) errors.push({ field: id, message: `Regeln ”${defaultRule(id).title}” saknas.` });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, rules: RULE_IDS.map((id) => byId.get(id)!) };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function checkTemplate(id: RuleId, name: string, template: string, errors: FieldError[]): void {
  const allowed = RULE_TEMPLATE_FIELDS[id];
  for (const placeholder of compileTemplate(template).placeholders) {
    if (!allowed.some((f) => f.name === placeholder)) {
      errors.push({
        field: `${id}.template`,
        message: t('rules.errors.meningenInnehallerForRegeln', { name, placeholder, allowed: allowed.map((f) => `{${f.name}}`).join(', ') }),
      });
    }
  }
}

/** The rule's parameters as whole numbers within range; errors for anything else. */
function checkParams(id: RuleId, name: string, given: Record<string, unknown>, errors: FieldError[]): Record<string, number> {
  const params: Record<string, number> = {};
  const known = RULE_PARAMETERS[id];
  for (const key of Object.keys(given)) {
    if (!known.some((p) => p.name === key)) {
      errors.push({ field: `${id}.params.${key}`, message: t('rules.errors.okandInstallning', { name, key }) });
    }
  }
  for (const p of known) {
    const field = `${id}.params.${p.name}`;
    const raw = given[p.name];
    const value = toNumber(raw);
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
      errors.push({ field, message: `${name}: ange ${lowerFirst(p.label)}.` });
    } else if (value === undefined || !Number.isInteger(value)) {
      errors.push({ field, message: t('rules.errors.masteVaraHeltal', { name, setting: lowerFirst(p.label) }) });
    } else if (value < p.min || value > p.max) {
      errors.push({ field, message: t('rules.errors.masteVaraMellan', { name, setting: lowerFirst(p.label), min: p.min, max: p.max }) });
    } else {
      params[p.name] = value;
    }
  }
  return params;
}

/** A number, or a form's text holding one ("5", "2,5"); anything else is not a number. */
function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim().replace(',', '.'));
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
