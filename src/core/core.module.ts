import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { configNamespaces } from '../../config';
import { AuditController } from './audit/audit.controller';
import { AuditEntry } from './audit/audit-entry.entity';
import { AuditService } from './audit/audit.service';
import { AuthModule } from './auth/auth.module';
import { DatabaseModule } from './database/database.module';
import { FacilitiesController } from './facilities/facilities.controller';
import { FacilitiesService } from './facilities/facilities.service';
import { Facility } from './facilities/facility.entity';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './observability/logging.module';
import { QueueModule } from './queue/queue.module';
import { RequestContextMiddleware } from './request-context/request-id.middleware';
import { HospitalClock } from './time/hospital-clock';
import { User } from './users/user.entity';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

/** What every feature relies on: configuration, database, queues, auth, audit, facilities, users. */
@Global()
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, load: configNamespaces, ignoreEnvFile: true }),
    LoggingModule,
    DatabaseModule,
    TypeOrmModule.forFeature([AuditEntry, Facility, User]),
    QueueModule,
    AuthModule,
    HealthModule,
  ],
  controllers: [AuditController, FacilitiesController, UsersController],
  providers: [AuditService, FacilitiesService, UsersService, HospitalClock],
  exports: [AuditService, HospitalClock, QueueModule],
})
export class CoreModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('*');
  }
}
