/** The rules engine: pure evaluation of rules-as-data over pupil facts. */
export { DEFAULT_RULES, MODIFIER_RULE_IDS, defaultRule, defaultRules, isModifier } from './default-rules';
export { RULE_PARAMETERS, validateRuleSet } from './parameters';
export type { FieldError, RuleParameter, RuleSetValidation } from './parameters';
export { RULE_TEMPLATE_FIELDS } from './template-fields';
export type { TemplateField } from './template-fields';
export { computeDayFacts, summaryFacts } from './facts';
export type { DayFacts, SummaryCounts } from './facts';
export { applyModifiers, evaluatePupil, evaluateVanished, overallSeverity, traceRules } from './evaluate';
export type { FlaggedPupil } from './evaluate';
export { renderTemplate } from './explain';
export { lowerSeverity, raiseSeverity, SEVERITY_LABELS, severityRank } from './severity';
export { EVIDENCE_SENTENCES, evidenceSentences, fullDateText } from './evidence-text';
export { absenceSummaryText, anyOfSchoolDaysText, daysText, minutesSummaryText, schoolDaysText } from './swedish-text';
