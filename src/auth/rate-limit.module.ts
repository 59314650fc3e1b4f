import {
  applyDecorators,
  DynamicModule,
  type ExecutionContext,
  Module,
  SetMetadata,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import {
  SkipThrottle,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  ThrottlerModule,
  type ThrottlerOptions,
} from '@nestjs/throttler';
import type { AppConfig } from '../config/app-config';
import type { AuthenticatedRequest } from './decorators';

export const NO_RATE_LIMIT = 'rate-limit:none';

/**
 * Not counted against the rate limit (health checks, scrapes, signed executor callbacks). The one
 * way to exempt a route: the OpenAPI document reads the same metadata to leave out its 429.
 */
export const NoRateLimit = () => applyDecorators(SkipThrottle(), SetMetadata(NO_RATE_LIMIT, true));

export const SELF_SERVICE_RATE_LIMIT = 'rate-limit:self-service';

/**
 * Requests from customers' self-service links (no API key): counted per client address against
 * SELF_SERVICE_RATE_LIMIT_PER_MINUTE instead of the API's limit, so guessing tokens is slow.
 */
export const SelfServiceRateLimit = () => SetMetadata(SELF_SERVICE_RATE_LIMIT, true);

function fromSelfServiceLink(context: ExecutionContext): boolean {
  return [context.getHandler(), context.getClass()].some(
    (target) => Reflect.getMetadata(SELF_SERVICE_RATE_LIMIT, target) === true,
  );
}

/**
 * The library's guard names its Retry-After header after the limit that was hit
 * (`Retry-After-selfService` for the links' limit); clients read the standard `Retry-After`, so
 * every 429 carries it too.
 */
class RetryAfterThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const res = context
      .switchToHttp()
      .getResponse<{ setHeader(name: string, value: string): void }>();
    res.setHeader('Retry-After', String(detail.timeToBlockExpire));
    return super.throwThrottlingException(context, detail);
  }
}

/**
 * Requests per minute, counted per API key (per client address for requests without a key), in each
 * process: with several replicas behind a load balancer the effective limit is per replica. Over the
 * limit: 429 with Retry-After. RATE_LIMIT_PER_MINUTE=0 switches it off.
 */
@Module({})
export class RateLimitModule {
  static forRoot(config: AppConfig): DynamicModule {
    const throttlers: ThrottlerOptions[] = [];
    if (config.rateLimitPerMinute > 0) {
      throttlers.push({
        name: 'default',
        ttl: 60_000,
        limit: config.rateLimitPerMinute,
        skipIf: fromSelfServiceLink,
      });
    }
    if (config.selfServiceRateLimitPerMinute > 0) {
      throttlers.push({
        name: 'selfService',
        ttl: 60_000,
        limit: config.selfServiceRateLimitPerMinute,
        skipIf: (context) => !fromSelfServiceLink(context),
      });
    }
    if (throttlers.length === 0) return { module: RateLimitModule };
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers,
          errorMessage: (context) =>
            fromSelfServiceLink(context)
              ? `Too many requests: at most ${config.selfServiceRateLimitPerMinute} a minute from one address`
              : `Too many requests: at most ${config.rateLimitPerMinute} a minute per API key`,
          // One count per key across the whole API (the library counts per route by default);
          // the links' requests are counted apart.
          generateKey: (_context, tracker, throttler) => `${throttler}:${tracker}`,
          getTracker: (req: Record<string, unknown>) => {
            const r = req as unknown as AuthenticatedRequest;
            return r.caller ? `key:${r.caller.keyId}` : `ip:${r.ip ?? 'unknown'}`;
          },
        }),
      ],
      // Registered after the API key guard (AuthModule), so the caller is known when counting.
      providers: [{ provide: APP_GUARD, useClass: RetryAfterThrottlerGuard }],
    };
  }
}
