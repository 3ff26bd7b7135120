import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type Redis from 'ioredis';
import { authConfig } from '../../../config';
import { REDIS_CLIENT } from '../redis/redis.module';

/**
 * Whose failures count together: a known user by id (so spellings the database treats as the same
 * username share one count), an unknown username by its lower-case text, so unknown names lock
 * exactly like real ones and a lockout does not tell which usernames exist.
 */
export function lockoutSubject(userId: number | undefined, username: string): string {
  return userId !== undefined ? `user:${userId}` : `name:${username.trim().toLowerCase()}`;
}

/** The failure that brings the count to the maximum locks the username. */
export function locksAfter(failures: number, maxFailures: number): boolean {
  return failures >= maxFailures;
}

/** Whole seconds to announce in Retry-After for a wait of `milliseconds` (at least 1). */
export function retryAfterSeconds(milliseconds: number): number {
  return Math.max(1, Math.ceil(milliseconds / 1000));
}

export interface FailureOutcome {
  failures: number;
  /** Set when this failure locked the username: seconds until it may try again. */
  lockedForSeconds: number | null;
}

const failuresKey = (subject: string) => `login-failures:${subject}`;
const lockKey = (subject: string) => `login-locked:${subject}`;

/**
 * Counts wrong passwords per username in Redis, shared by every API process. Failures are
 * forgotten once a lockout's length passes without another; the maximum in that time locks the
 * username for the lockout's length, even against the right password.
 */
@Injectable()
export class LoginLockout {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  /** Seconds the subject must still wait, or 0 when it may try. */
  async lockedForSeconds(subject: string): Promise<number> {
    const remaining = await this.redis.pttl(lockKey(subject));
    return remaining > 0 ? retryAfterSeconds(remaining) : 0;
  }

  async recordFailure(subject: string): Promise<FailureOutcome> {
    const { maxFailures, lockoutSeconds } = this.config.login;
    const lockoutMs = lockoutSeconds * 1000;
    const [[countError, failures], [expireError]] = (await this.redis
      .multi()
      .incr(failuresKey(subject))
      .pexpire(failuresKey(subject), lockoutMs)
      .exec())!;
    if (countError || expireError) throw countError ?? expireError!;
    if (!locksAfter(Number(failures), maxFailures)) {
      return { failures: Number(failures), lockedForSeconds: null };
    }
    await this.redis
      .multi()
      .set(lockKey(subject), String(failures), 'PX', lockoutMs)
      .del(failuresKey(subject))
      .exec();
    return { failures: Number(failures), lockedForSeconds: lockoutSeconds };
  }

  /** A successful login starts the count again. */
  async clear(subject: string): Promise<void> {
    await this.redis.del(failuresKey(subject));
  }
}
