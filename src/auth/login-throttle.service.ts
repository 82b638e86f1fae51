import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { REDIS_CLIENT } from '../redis/redis.module';

/** How much wider the per-address budget is than the per-account one (one office, many colleagues). */
const ADDRESS_BUDGET_FACTOR = 20;

/**
 * Counts failed sign-ins in Redis, shared by every api replica: per email and address, and per address across
 * emails (password spraying). Past the limit a sign-in answers 429 with Retry-After until the window passes.
 */
@Injectable()
export class LoginThrottleService {
  private readonly perAccount: RateLimiterRedis;
  private readonly perAddress: RateLimiterRedis;

  constructor(@Inject(REDIS_CLIENT) redis: Redis, config: AppConfig) {
    const common = { storeClient: redis, duration: config.LOGIN_FAILURE_WINDOW_SECONDS };
    this.perAccount = new RateLimiterRedis({
      ...common,
      points: config.LOGIN_FAILURE_LIMIT,
      keyPrefix: `${config.REDIS_KEY_PREFIX}:login-failures:account`,
    });
    this.perAddress = new RateLimiterRedis({
      ...common,
      points: config.LOGIN_FAILURE_LIMIT * ADDRESS_BUDGET_FACTOR,
      keyPrefix: `${config.REDIS_KEY_PREFIX}:login-failures:address`,
    });
  }

  async assertAllowed(email: string, address: string): Promise<void> {
    const [account, addressState] = await Promise.all([
      this.perAccount.get(this.accountKey(email, address)),
      this.perAddress.get(address),
    ]);
    const blocked = [
      [account, this.perAccount.points],
      [addressState, this.perAddress.points],
    ] as const;
    for (const [state, limit] of blocked) {
      if (state && state.consumedPoints >= limit) throw this.tooMany(state);
    }
  }

  async recordFailure(email: string, address: string): Promise<void> {
    await Promise.all([
      this.perAccount.penalty(this.accountKey(email, address), 1),
      this.perAddress.penalty(address, 1),
    ]);
  }

  async recordSuccess(email: string, address: string): Promise<void> {
    await this.perAccount.delete(this.accountKey(email, address));
  }

  private accountKey(email: string, address: string): string {
    return `${email.trim().toLowerCase()}|${address}`;
  }

  private tooMany(state: RateLimiterRes): DomainError {
    const retryAfterSeconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
    return new DomainError(
      ErrorCode.TooManyAttempts,
      `Too many failed sign-ins; try again in ${retryAfterSeconds} s`,
      [],
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }
}
