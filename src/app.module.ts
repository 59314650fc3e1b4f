import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { LoggerModule } from 'nestjs-pino';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuditModule } from './audit/audit.module';
import { loggable } from './common/loggable';
import { AuthModule } from './auth/auth.module';
import { BlackoutsModule } from './blackouts/blackouts.module';
import { CalendarModule } from './calendar/calendar.module';
import { RateLimitModule } from './auth/rate-limit.module';
import { CommonModule } from './common/common.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { MaintenanceModule } from './maintenance/maintenance.module';
import { RolloutsModule } from './rollouts/rollouts.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PartnersModule } from './partners/partners.module';
import { PlatformsModule } from './platforms/platforms.module';
import { RetentionModule } from './retention/retention.module';
import { SchedulerModule } from './scheduler/scheduler.module';
import { SelfServiceModule } from './self-service/self-service.module';
import { SnapshotsModule } from './snapshots/snapshots.module';
import { SessionsModule } from './sessions/sessions.module';
import { TenantsModule } from './tenants/tenants.module';
import { UpdatesModule } from './updates/updates.module';
import { VersionsModule } from './versions/versions.module';
import { WebhooksModule } from './webhooks/webhooks.module';

function loggerModule(config: AppConfig): DynamicModule {
  return LoggerModule.forRoot({
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.logLevel,
      transport:
        config.logFormat === 'pretty'
          ? { target: 'pino-pretty', options: { singleLine: true } }
          : undefined,
      redact: [
        'req.headers.authorization',
        'req.headers["x-signature"]',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
      ],
      // Errors are logged without SQL text and parameters (they may hold secrets), wherever logged.
      serializers: { err: loggable },
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    },
  });
}

@Module({})
export class AppModule {
  /** The whole service. `config.databaseUrl` is resolved (embedded or external) by the caller. */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        loggerModule(config),
        DatabaseModule,
        ScheduleModule.forRoot(),
        CommonModule,
        MetricsModule,
        AuditModule,
        AuthModule,
        ApiKeysModule,
        SessionsModule,
        RateLimitModule.forRoot(config),
        PlatformsModule,
        VersionsModule,
        RetentionModule,
        PartnersModule,
        TenantsModule,
        NotificationsModule,
        UpdatesModule,
        MaintenanceModule,
        BlackoutsModule,
        RolloutsModule,
        SchedulerModule,
        SnapshotsModule,
        WebhooksModule,
        CalendarModule,
        SelfServiceModule,
        HealthModule,
      ],
    };
  }
}
