import type { DataSource } from 'typeorm';

export type NamedParameters = Record<string, unknown>;

/** A `:name` placeholder left after the conversion (a `::type` cast is not one). */
const LEFT_OVER_NAME = /(?<![:\w]):[A-Za-z_]\w*/;

/**
 * SQL written with `:name` placeholders as the `$1…$n` text and value list node-postgres takes, so
 * statements assembled from fragments are tied by names, not by positions. The conversion is TypeORM's
 * own (its query builder's, through the PostgreSQL driver): a name used twice is one parameter, in order
 * of first use, so the same text with the same names always gives the same statement (prepared statements
 * rely on it); `::type` casts are left alone (so no parameter may be named after a type). Refuses a name the SQL uses but `parameters` lacks, and one
 * it gives but the SQL never uses. Placeholders must not appear in string literals or comments.
 */
export function positionalSql(
  dataSource: DataSource,
  sql: string,
  parameters: NamedParameters,
): [text: string, values: unknown[]] {
  const [text, values] = dataSource.driver.escapeQueryWithParameters(sql, parameters);
  const missing = LEFT_OVER_NAME.exec(text);
  if (missing !== null) throw new Error(`SQL parameter ${missing[0]} has no value`);
  if (values.length !== Object.keys(parameters).length) {
    const unused = Object.keys(parameters).filter((name) => !new RegExp(`:${name}(?!\\w)`).test(sql));
    throw new Error(`SQL parameters not used by the statement: ${unused.join(', ')}`);
  }
  return [text, values as unknown[]];
}
