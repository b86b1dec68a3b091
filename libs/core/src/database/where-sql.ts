/** A WHERE clause joining the conditions with AND, or nothing when there are none. */
export function whereSql(conditions: string[]): string {
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}
