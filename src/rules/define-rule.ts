import type { z } from 'zod';
import type { AnyRule, Rule } from './types.js';

/**
 * Typed rule constructor: options arrive parsed with their defaults, and a message id that is not in
 * `messages` is a compile error.
 */
export function defineRule<S extends z.ZodObject, M extends string>(rule: Rule<S, M>): AnyRule {
  return rule as unknown as AnyRule;
}
