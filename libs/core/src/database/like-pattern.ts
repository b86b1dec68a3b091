/** An ILIKE pattern for "contains `value`", where `%`, `_` and `\` in `value` match themselves. */
export function containsPattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
