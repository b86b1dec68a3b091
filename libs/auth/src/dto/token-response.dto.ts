/** `POST /api/token/`: a short-lived access token and a longer-lived refresh token (JWTs). */
export class TokenPairResponseDto {
  access: string;
  refresh: string;
}

/** `POST /api/token/refresh/`. */
export class AccessTokenResponseDto {
  access: string;
}
