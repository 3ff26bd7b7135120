import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import {
  ThrottlerGuard,
  ThrottlerLimitDetail,
  ThrottlerModuleOptions,
  ThrottlerStorage,
} from '@nestjs/throttler';
import type Redis from 'ioredis';
import { authConfig } from '../../../config';
import { RateLimitedError } from '../errors/domain.error';
import { REDIS_CLIENT } from '../redis/redis.module';
import { retryAfterSeconds } from './login-lockout';

// Counts a hit and starts the window on the first one, atomically.
const COUNT_HIT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {hits, redis.call('PTTL', KEYS[1])}
`;

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

type RedisWithCountHit = Redis & {
  countHit(key: string, windowMs: number): Promise<[number, number]>;
};

/**
 * @nestjs/throttler's storage over the shared Redis, so every API process counts the same hits:
 * one fixed window per key. A caller over the limit waits for the window to end (the block lasts
 * as long as the window; throttlers here set no longer blockDuration).
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly redis: RedisWithCountHit;

  constructor(@Inject(REDIS_CLIENT) redis: Redis) {
    if (!('countHit' in redis))
      redis.defineCommand('countHit', { numberOfKeys: 1, lua: COUNT_HIT });
    this.redis = redis as RedisWithCountHit;
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const [hits, remainingMs] = await this.redis.countHit(`throttle:${throttlerName}:${key}`, ttl);
    const timeToExpire = retryAfterSeconds(remainingMs);
    const isBlocked = hits > limit;
    return {
      totalHits: hits,
      timeToExpire,
      isBlocked,
      timeToBlockExpire: isBlocked ? timeToExpire : 0,
    };
  }
}

/** The username a login names, as the per-username throttle counts it. */
export function loginUsername(body: unknown): string {
  const username = (body as { username?: unknown } | undefined)?.username;
  return typeof username === 'string' ? username.trim().toLowerCase() : '';
}

export function loginThrottlers(
  config: ConfigType<typeof authConfig>['login'],
): ThrottlerModuleOptions {
  const ttl = config.rateWindowSeconds * 1000;
  return {
    // Retry-After is set by the exception filter; no X-RateLimit headers on login.
    setHeaders: false,
    throttlers: [
      { name: 'address', ttl, limit: config.ratePerAddress },
      {
        name: 'username',
        ttl,
        limit: config.ratePerUsername,
        getTracker: (request) => loginUsername(request.body),
      },
    ],
  };
}

/**
 * Limits login attempts per client address and per username (POST /auth/login only). Wrong
 * passwords are counted separately, by LoginLockout.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  // Each parameter named: ThrottlerGuard's own injection tokens would otherwise be inherited.
  constructor(
    @Inject(authConfig.KEY) config: ConfigType<typeof authConfig>,
    @Inject(RedisThrottlerStorage) storage: RedisThrottlerStorage,
    @Inject(Reflector) reflector: Reflector,
  ) {
    super(loginThrottlers(config.login), storage, reflector);
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new RateLimitedError(
      'TOO_MANY_REQUESTS',
      'Too many login attempts; try again later',
      Math.max(1, detail.timeToBlockExpire),
    );
  }
}
