import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { authConfig } from '../../../config';
import { RedisModule } from '../redis/redis.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginLockout } from './login-lockout';
import { LoginThrottlerGuard, RedisThrottlerStorage } from './login-throttler';
import { SessionsService } from './sessions.service';

@Module({
  imports: [
    RedisModule,
    JwtModule.registerAsync({
      inject: [authConfig.KEY],
      useFactory: (config: ConfigType<typeof authConfig>) => ({
        // A key object, not the string: jsonwebtoken would otherwise build one on every request.
        secret: createSecretKey(Buffer.from(config.jwtSecret)),
        // Tokens carry their session's expiry as `exp`, set when signing.
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    SessionsService,
    LoginLockout,
    RedisThrottlerStorage,
    LoginThrottlerGuard,
    AuthGuard,
    { provide: APP_GUARD, useExisting: AuthGuard },
  ],
  exports: [SessionsService, AuthGuard],
})
export class AuthModule {}
