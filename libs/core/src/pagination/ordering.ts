/** A list's order: one field, ascending or descending (repositories add the id in the same direction). */
export interface Ordering<Field extends string> {
  field: Field;
  descending: boolean;
}

/** The values an `ordering` query parameter accepts for these fields: `field` and `-field`. */
export function orderingsOf(fields: readonly string[]): string[] {
  return fields.flatMap((field) => [field, `-${field}`]);
}

/** Reads an `ordering` already checked against `orderingsOf(fields)`: a leading `-` means descending. */
export function parseOrdering<Field extends string>(ordering: string): Ordering<Field> {
  const descending = ordering.startsWith('-');
  return { field: (descending ? ordering.slice(1) : ordering) as Field, descending };
}
