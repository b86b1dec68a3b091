/**
 * `POST /api/token/` and `POST /api/token/refresh/`: a short-lived access token and a longer-lived
 * refresh token (JWTs). A refresh replaces the refresh token: keep the new one, the old one is spent.
 */
export class TokenPairResponseDto {
  access: string;
  refresh: string;
}
