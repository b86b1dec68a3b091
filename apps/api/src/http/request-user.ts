import type { FastifyRequest } from 'fastify';
import type { Caller } from '@app/core';

const tokenUsers = new WeakMap<FastifyRequest, string>();

/** Records the user of a valid access token seen on a public route (where the access guard does not run). */
export function rememberTokenUser(request: FastifyRequest, userId: string): void {
  tokenUsers.set(request, userId);
}

/** The calling user for logs: the authenticated caller, or the owner of a valid token on a public route. */
export function userIdOf(request: FastifyRequest): string | null {
  return (request as FastifyRequest & { user?: Caller }).user?.userId ?? tokenUsers.get(request) ?? null;
}
