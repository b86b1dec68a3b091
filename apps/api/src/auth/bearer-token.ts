/** The token of an `Authorization: Bearer <token>` header (scheme in any case), or null. */
export function bearerTokenOf(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match === null ? null : match[1];
}
