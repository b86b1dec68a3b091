import { buildMessage, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * The field may be left out, but when present it must pass the other checks: unlike `@IsOptional()`,
 * an explicit `null` is validated (and refused unless a check allows it), so it never reaches a
 * NOT NULL column as a server error.
 */
export const OptionalField = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** A calendar date written `YYYY-MM-DD` (so `2020-13-40` or `2021-02-29` is refused). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => isCalendarDate(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a valid date in the format YYYY-MM-DD`,
          options,
        ),
      },
    },
    options,
  );
