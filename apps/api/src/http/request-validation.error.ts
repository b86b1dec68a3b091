import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldErrors, InvalidInputError } from '@app/core';

/** Flattens class-validator's tree into `{ "field.path": ["message", ...] }`. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldErrors {
  const result: FieldErrors = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) {
      result[path] = Object.entries(error.constraints).map(([rule, message]) =>
        rule === 'whitelistValidation' ? `${error.property} is not an allowed field.` : message,
      );
    }
    Object.assign(result, toFieldErrors(error.children ?? [], path));
  }
  return result;
}

export const NOT_AN_OBJECT_MESSAGE = 'Invalid data: the request body must be a JSON object.';

/** Refuses a body that is JSON but not an object (`[]`, `"text"`, `null`, `1`) before checking its fields. */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    const isWholeBody = metadata.type === 'body' && metadata.data === undefined;
    if (isWholeBody && value !== undefined && !isObject) {
      throw new InvalidInputError({ non_field_errors: [NOT_AN_OBJECT_MESSAGE] });
    }
    return super.transform(value, metadata);
  }
}

/**
 * Validates every body and query against its DTO: unknown fields are refused, types are not coerced
 * in bodies (query DTOs convert explicitly with @Type), and every bad field is reported at once.
 */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidInputError(toFieldErrors(errors)),
  });
}
