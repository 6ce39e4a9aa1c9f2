/** Building a Condition: the fact's value, how it was compared, and whether it held. */
import type { Condition } from '../types';

/** An unknown value (null) never meets a condition: a rule fires only on facts it has. */
export function condition(fact: string, operator: Condition['operator'], threshold: Condition['threshold'], value: Condition['value']): Condition {
  return { fact, operator, threshold, value, met: value !== null && compare(operator, value, threshold) };
}

function compare(operator: Condition['operator'], value: number | string | boolean, threshold: number | string | boolean): boolean {
  switch (operator) {
    case '==':
      return value === threshold;
    case '>=':
      return value >= threshold;
    case '<=':
      return value <= threshold;
    case '>':
      return value > threshold;
    case '<':
      return value < threshold;
  }
}
