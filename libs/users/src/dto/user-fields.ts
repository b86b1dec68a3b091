import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidateIf } from 'class-validator';
import { TextField, textProblem } from '@app/core';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_RULES } from '../password-rules.js';
import {
  USERNAME_MAX_LENGTH,
  USERNAME_MIN_LENGTH,
  USERNAME_PATTERN,
  USERNAME_PATTERN_MESSAGE,
} from '../username-rules.js';

/** The field decorators shared by signup (all required), PUT (profile required) and PATCH (all optional). */
export interface FieldOptions {
  optional?: boolean;
}

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
const whenPresent = (optional: boolean | undefined) =>
  optional ? [ValidateIf((_object: object, value: unknown) => value !== undefined)] : [];

export const UsernameField = ({ optional }: FieldOptions = {}) =>
  TextField({
    min: USERNAME_MIN_LENGTH,
    max: USERNAME_MAX_LENGTH,
    pattern: USERNAME_PATTERN,
    patternMessage: USERNAME_PATTERN_MESSAGE,
    optional,
    example: 'alice',
  });

/** Compared and stored in lower case. */
export const EmailField = ({ optional }: FieldOptions = {}) =>
  applyDecorators(trim, TextField({ max: 254, email: true, optional, example: 'alice@example.com' }));

export const NameField = ({ optional }: FieldOptions = {}) => applyDecorators(trim, TextField({ max: 30, optional }));

/**
 * A new password: a string breaking none of PASSWORD_RULES, compared with the username and email
 * sent in the same body (the service also compares it with the stored ones). Write-only.
 */
export const NewPasswordField = ({ optional }: FieldOptions = {}) =>
  applyDecorators(
    ...whenPresent(optional),
    ValidateBy({
      name: 'passwordText',
      validator: {
        validate: (value: unknown) => textProblem(value, { min: 0, max: Number.MAX_SAFE_INTEGER }) === null,
        defaultMessage: (args) => textProblem(args?.value, { min: 0, max: Number.MAX_SAFE_INTEGER }) ?? '',
      },
    }),
    ...PASSWORD_RULES.map((rule) =>
      ValidateBy({
        name: rule.name,
        validator: {
          validate: (value: unknown, args) => typeof value !== 'string' || !rule.isBrokenBy(value, args?.object ?? {}),
          defaultMessage: () => rule.message,
        },
      }),
    ),
    ApiProperty({
      type: String,
      format: 'password',
      writeOnly: true,
      required: !optional,
      minLength: PASSWORD_MIN_LENGTH,
      maxLength: PASSWORD_MAX_LENGTH,
    }),
  );

/** The present password, needed to set a new one. */
export const CurrentPasswordField = () =>
  applyDecorators(
    TextField({ max: 1024, optional: true }),
    ApiProperty({ type: String, format: 'password', writeOnly: true, required: false }),
  );
