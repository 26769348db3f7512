// A worker replica for the fault test, in its own process: the standalone server's composition (reference host +
// module), except that its scaled clock starts from the run's shared origin. The standalone server starts its
// clock when it boots, so two replicas booted seconds apart would disagree by minutes of simulated time about the
// shared call budget (reported to the lead; see the orders report).
import 'reflect-metadata';
import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HOST_ENTITIES } from '../../../src/host/entities/host.entities.js';
import { ReferenceHost1764230000000 } from '../../../src/host/entities/host.migration.js';
import { HostModule } from '../../../src/host/host.module.js';
import { HostCustomersPort } from '../../../src/host/ports/host-customers.port.js';
import { HostNotificationsPort } from '../../../src/host/ports/host-notifications.port.js';
import { HostOrdersPort } from '../../../src/host/ports/host-orders.port.js';
import { HostPriceListsPort } from '../../../src/host/ports/host-price-lists.port.js';
import { HostProductsPort } from '../../../src/host/ports/host-products.port.js';
import { HostTenantResolver } from '../../../src/host/ports/host-tenant.resolver.js';
import { CIN7_CORE_ENTITIES, CIN7_CORE_MIGRATIONS, Cin7CoreModule } from '../../../src/module/index.js';
import { scaledClock } from '../../../src/module/work/clock.js';
import { loadConfig } from '../../../src/standalone/config.js';
import { timeOriginFromEnv } from './replica-env.js';

const config = loadConfig();
const clock = scaledClock(config.timeScale, timeOriginFromEnv());

@Module({})
class ReplicaModule {
  static register(): DynamicModule {
    return {
      module: ReplicaModule,
      imports: [
        ScheduleModule.forRoot(),
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: config.databaseUrl,
          entities: [...HOST_ENTITIES, ...CIN7_CORE_ENTITIES],
          migrations: [ReferenceHost1764230000000, ...CIN7_CORE_MIGRATIONS],
          migrationsRun: false,
          extra: { max: 20 },
        }),
        HostModule,
        Cin7CoreModule.forRootAsync({
          imports: [HostModule],
          inject: [
            HostTenantResolver,
            HostCustomersPort,
            HostProductsPort,
            HostPriceListsPort,
            HostOrdersPort,
            HostNotificationsPort,
          ],
          useFactory: (tenant, customers, products, priceLists, orders, notifications) => ({
            ports: { tenant, customers, products, priceLists, orders, notifications },
            encryption: config.encryption,
            publicBaseUrl: config.publicBaseUrl,
            cin7BaseUrl: config.cin7BaseUrl,
            clock,
            schedulerTickMs: config.schedulerTickMs,
            workersEnabled: true,
          }),
        }),
      ],
    };
  }
}

const app = await NestFactory.create(ReplicaModule.register(), { logger: config.logLevels });
await app.listen(config.port, config.host);
console.log(`API listening on http://${config.host}:${config.port}`);
