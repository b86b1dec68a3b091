import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiUnauthorizedResponse } from '@nestjs/swagger';
import {
  type AccessTokenResponseDto,
  AuthService,
  ObtainTokenPairDto,
  RefreshTokenDto,
  type TokenPairResponseDto,
} from '@app/auth';
import { Public } from './access-policy.js';

@Controller('token')
export class TokensController {
  constructor(private readonly auth: AuthService) {}

  /** Log in with email and password. Wrong credentials: 401, the same for an unknown email. */
  @Post()
  @Public()
  @HttpCode(200)
  @ApiUnauthorizedResponse({ description: 'Wrong email or password (the same answer for both).' })
  obtainTokenPair(@Body() body: ObtainTokenPairDto): Promise<TokenPairResponseDto> {
    return this.auth.obtainTokenPair(body.email, body.password);
  }

  /** A new access token for a refresh token that is valid, unexpired and not retired. */
  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiUnauthorizedResponse({ description: 'The refresh token is invalid, expired or retired.' })
  refreshAccessToken(@Body() body: RefreshTokenDto): Promise<AccessTokenResponseDto> {
    return this.auth.refreshAccessToken(body.refresh);
  }
}
