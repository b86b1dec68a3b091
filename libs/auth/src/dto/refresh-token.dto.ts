import { TextField } from '@app/core';

/** `POST /api/token/refresh/`. */
export class RefreshTokenDto {
  @TextField({ max: 4096 })
  refresh: string;
}
