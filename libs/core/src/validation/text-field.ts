import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { isEmail, ValidateBy, ValidateIf } from 'class-validator';

export interface TextRules {
  /** Minimum length in characters (code points, as PostgreSQL counts them). Default 1. */
  min?: number;
  max: number;
  pattern?: RegExp;
  patternMessage?: string;
  /** Must be an email address (validator.js rules). */
  email?: boolean;
  /** May be left out (PATCH); `null` is still refused. */
  optional?: boolean;
  example?: string;
}

export const REQUIRED_MESSAGE = 'This field is required.';
export const INVALID_EMAIL_MESSAGE = 'Enter a valid email address.';

/**
 * What is wrong with a text value, in one sentence, or null when it is acceptable. One message per
 * field (a missing field is "required", not also "too short" and "not a string").
 */
export function textProblem(value: unknown, rules: TextRules): string | null {
  const min = rules.min ?? 1;
  if (value === undefined) return REQUIRED_MESSAGE;
  if (value === null) return 'This field may not be null.';
  if (typeof value !== 'string') return 'Not a valid string.';
  const length = [...value].length;
  if (length === 0 && min > 0) return 'This field may not be blank.';
  if (length < min) return `Ensure this field has at least ${min} characters.`;
  if (length > rules.max) return `Ensure this field has no more than ${rules.max} characters.`;
  if (rules.email && !isEmail(value)) return INVALID_EMAIL_MESSAGE;
  if (rules.pattern && !rules.pattern.test(value)) return rules.patternMessage ?? 'Enter a valid value.';
  return null;
}

/**
 * A string body field checked by `textProblem` (one clear message per bad field), documented in the
 * OpenAPI schema with its limits. `optional` fields may be absent but not null.
 */
export function TextField(rules: TextRules): PropertyDecorator {
  return applyDecorators(
    ...(rules.optional ? [ValidateIf((_object: object, value: unknown) => value !== undefined)] : []),
    ValidateBy({
      name: 'textField',
      validator: {
        validate: (value: unknown) => textProblem(value, rules) === null,
        defaultMessage: (args) => textProblem(args?.value, rules) ?? '',
      },
    }),
    ApiProperty({
      type: String,
      required: !rules.optional,
      minLength: rules.min ?? 1,
      maxLength: rules.max,
      ...(rules.email ? { format: 'email' } : {}),
      ...(rules.pattern ? { pattern: rules.pattern.source } : {}),
      ...(rules.example ? { example: rules.example } : {}),
    }),
  );
}
