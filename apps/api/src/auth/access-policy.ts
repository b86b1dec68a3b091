import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';

export const ACCESS_POLICY = 'access-policy';

export interface AccessPolicy {
  public?: boolean;
  admin?: boolean;
}

/**
 * Anyone may call this route, with or without a token. The empty security requirement lifts the
 * document's default (a bearer token) for this route: it shows as `security: []`.
 */
export const Public = () =>
  applyDecorators(SetMetadata(ACCESS_POLICY, { public: true } satisfies AccessPolicy), ApiSecurity({}));

/**
 * The caller must present a valid access token (and be an admin with `{ admin: true }`). Routes are
 * private by default; this decorator makes it explicit and documents the 401/403 answers.
 * Ownership (owner, self) is decided by the services with queries scoped to the caller.
 */
export const Authenticated = (policy: Omit<AccessPolicy, 'public'> = {}) =>
  applyDecorators(
    SetMetadata(ACCESS_POLICY, policy),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing, invalid or expired access token.' }),
    ...(policy.admin ? [ApiForbiddenResponse({ description: 'The caller is not an admin.' })] : []),
  );
