import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '@app/core';
import { UsersModule } from '@app/users';
import { AuthService } from './auth.service.js';
import { AuthStateCache } from './auth-state-cache.js';
import { RefreshTokenFamiliesRepository } from './refresh-token-families.repository.js';
import { TokenService } from './token.service.js';

@Module({
  imports: [
    UsersModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: config.auth.jwtSecret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  providers: [TokenService, AuthService, AuthStateCache, RefreshTokenFamiliesRepository],
  exports: [TokenService, AuthService, AuthStateCache, UsersModule],
})
export class AuthModule {}
