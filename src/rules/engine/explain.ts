/**
 * Flag sentences from a rule's template and the evidence it fired on.
 *
 * Templates are data an admin can edit, so rendering must never fail: a placeholder the
 * evidence does not have stays visible as "{name}" and the admin sees the typo, instead
 * of a sentence that silently lost a number. Templates are compiled once into parts and
 * cached, because the engine renders a sentence for every flag of a 100,000-pupil round.
 */
import type { RuleResult } from '../types';
import { dateText, looksLikeIsoDate } from './swedish-text';

export type EvidenceValue = RuleResult['evidence'][string];
export type Evidence = RuleResult['evidence'];

/** Literal text, or the name of a placeholder. */
type Part = { text: string } | { name: string };

export interface CompiledTemplate {
  readonly parts: readonly Part[];
  /** Placeholder names in order of appearance (repeats kept once). */
  readonly placeholders: readonly string[];
}

const compiled = new Map<string, CompiledTemplate>();

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * Splits "{name}" placeholders from text. A brace not followed by a name and a closing
 * brace is plain text ("{", "{ x }", "{2}"), so an admin can write braces in a sentence.
 */
export function compileTemplate(template: string): CompiledTemplate {
  const cached = compiled.get(template);
  if (cached) return cached;
  const parts: Part[] = [];
  const placeholders: string[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open === -1) {
      text += template.slice(i);
      break;
    }
    text += template.slice(i, open);
    let end = open + 1;
    if (end < template.length && isNameStart(template.charCodeAt(end))) {
      while (end < template.length && isNameChar(template.charCodeAt(end))) end++;
    }
    if (end > open + 1 && template.charCodeAt(end) === 125 /* } */) {
      const name = template.slice(open + 1, end);
      if (text) parts.push({ text });
      text = '';
      parts.push({ name });
      if (!placeholders.includes(name)) placeholders.push(name);
      i = end + 1;
    } else {
      text += '{';
      i = open + 1;
    }
  }
  if (text) parts.push({ text });
  const result: CompiledTemplate = { parts, placeholders };
  // Templates come from a handful of rule set versions; the bound only guards misuse.
  if (compiled.size > 1000) compiled.clear();
  compiled.set(template, result);
  return result;
}

/**
 * One evidence value as it reads in a sentence: numbers as digits, dates as "17 augusti 2026",
 * lists joined with commas, yes/no in Swedish, and an unknown value as "okänt".
 */
export function formatEvidenceValue(value: EvidenceValue): string {
  if (value === null) return 'okänt';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'ja' : 'nej';
  if (Array.isArray(value)) return value.map((v) => formatString(v)).join(', ');
  return formatString(value);
}

function formatString(s: string): string {
  if (!looksLikeIsoDate(s)) return s;
  try {
    return dateText(s);
  } catch {
    return s; // shaped like a date but not one (2026-13-45): show it as written
  }
}

/** Fills {placeholders} from evidence; one missing from the evidence stays as "{name}". */
export function renderTemplate(template: string, evidence: Evidence): string {
  return renderCompiled(compileTemplate(template), evidence);
}

/** renderTemplate for a template compiled beforehand (the engine compiles a rule set once). */
export function renderCompiled({ parts }: CompiledTemplate, evidence: Evidence): string {
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if ('text' in part) {
      out += part.text;
    } else {
      const value = Object.prototype.hasOwnProperty.call(evidence, part.name) ? evidence[part.name] : undefined;
      out += value === undefined ? `{${part.name}}` : formatEvidenceValue(value);
    }
  }
  return out;
}
