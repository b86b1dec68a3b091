import { TextField } from '@app/core';

/** `POST /api/token/`. */
export class ObtainTokenPairDto {
  @TextField({ max: 254, example: 'alice@example.com' })
  email: string;

  @TextField({ max: 1024 })
  password: string;
}
