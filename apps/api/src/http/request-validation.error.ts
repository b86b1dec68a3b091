import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { type FieldErrors, InvalidInputError } from '@app/core';

/** Flattens class-validator's tree into `{ "field.path": ["message", ...] }`. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldErrors {
  const result: FieldErrors = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) {
      result[path] = Object.entries(error.constraints).map(([rule, message]) =>
        rule === 'whitelistValidation' ? unknownFieldMessage(error.property) : message,
      );
    }
    Object.assign(result, toFieldErrors(error.children ?? [], path));
  }
  return result;
}

export const NOT_AN_OBJECT_MESSAGE = 'Invalid data: the request body must be a JSON object.';

export const unknownFieldMessage = (field: string) => `${field} is not an allowed field.`;

/**
 * The fields a DTO declares. class-validator's own whitelist looks names up in a plain object, and
 * class-transformer skips a name whose value on the new instance is a function, so `toString`,
 * `constructor` or `__proto__` slipped through as if declared: this set is exact.
 */
const declaredFieldsCache = new WeakMap<object, ReadonlySet<string>>();
function declaredFieldsOf(dto: new (...args: never[]) => unknown): ReadonlySet<string> {
  let fields = declaredFieldsCache.get(dto);
  if (fields === undefined) {
    const metadatas = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
    fields = new Set(metadatas.map((metadata) => metadata.propertyName));
    declaredFieldsCache.set(dto, fields);
  }
  return fields;
}

/**
 * Refuses a body that is JSON but not an object (`[]`, `"text"`, `null`, `1`) before checking its
 * fields, and reports undeclared fields exactly (see declaredFieldsOf) with the other bad fields.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    const isWholeBody = metadata.type === 'body' && metadata.data === undefined;
    if (isWholeBody && value !== undefined && !isObject) {
      throw new InvalidInputError({ non_field_errors: [NOT_AN_OBJECT_MESSAGE] });
    }
    const checksFields = isObject && metadata.data === undefined && metadata.metatype !== undefined;
    const unknown = checksFields ? undeclaredFields(value, metadata.metatype) : {};
    if (Object.keys(unknown).length === 0) return super.transform(value, metadata);
    try {
      await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof InvalidInputError) throw new InvalidInputError({ ...error.errors, ...unknown });
      throw error;
    }
    throw new InvalidInputError(unknown);
  }
}

function undeclaredFields(value: object, dto: NonNullable<ArgumentMetadata['metatype']>): FieldErrors {
  const declared = declaredFieldsOf(dto);
  if (declared.size === 0) return {};
  return Object.fromEntries(
    Object.keys(value)
      .filter((field) => !declared.has(field))
      .map((field) => [field, [unknownFieldMessage(field)]]),
  );
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
