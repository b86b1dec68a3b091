import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AuthService, ObtainTokenPairDto, RefreshTokenDto, type TokenPairResponseDto } from '@app/auth';
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

  /**
   * A new access token and a new refresh token for a refresh token that is valid, unexpired, not
   * retired and not yet used: each refresh token works once. Using a spent one again retires every
   * token of its login (the copy may be a thief's), so keep the new one.
   */
  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiUnauthorizedResponse({ description: 'The refresh token is invalid, expired, spent or retired.' })
  refreshAccessToken(@Body() body: RefreshTokenDto): Promise<TokenPairResponseDto> {
    return this.auth.refreshTokens(body.refresh);
  }
}
