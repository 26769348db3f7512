import { type DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HOST_ENTITIES } from '../host/entities/host.entities.js';
import { ReferenceHost1764230000000 } from '../host/entities/host.migration.js';
import { ReferenceHostAvailability1765160001000 } from '../host/entities/host-availability.migration.js';
import { ReferenceHostShipment1764230001000 } from '../host/entities/host-shipment.migration.js';
import { HOST_PORTS, HostModule } from '../host/host.module.js';
import { HostApiModule } from '../host/host-api.module.js';
import {
  CIN7_CORE_ENTITIES,
  CIN7_CORE_MIGRATIONS,
  type Cin7CoreExtensions,
  type Cin7CoreHostPorts,
  Cin7CoreModule,
} from '../module/index.js';
import { scaledClock, systemClock } from '../module/work/clock.js';
import { BenchBareController } from './bench-bare.controller.js';
import type { StandaloneConfig } from './config.js';
import { HealthController } from './health.controller.js';

/** The standalone server: a reference host that mounts the module the way Upstock does. */
@Module({})
export class AppModule {
  static register(
    config: StandaloneConfig,
    overrides: { fetch?: typeof fetch; extensions?: Cin7CoreExtensions } = {},
  ): DynamicModule {
    // One instance of each, imported where needed: the module's ports come from the host module its routes use.
    const hostOptions = { demo: config.demoMode, serviceSecret: config.hostServiceSecret };
    const host = HostModule.register(hostOptions);
    const cin7 = Cin7CoreModule.forRootAsync({
      imports: [host],
      inject: [HOST_PORTS],
      useFactory: (ports: Cin7CoreHostPorts) => ({
        ports,
        encryption: config.encryption,
        publicBaseUrl: config.publicBaseUrl,
        cin7BaseUrl: config.cin7BaseUrl,
        clock: config.timeScale === 1 ? systemClock : scaledClock(config.timeScale, config.timeOrigin),
        schedulerTickMs: config.schedulerTickMs,
        callWindowMarginMs: config.callWindowMarginMs,
        workersEnabled: config.workersEnabled,
        ...config.work,
        ...(overrides.fetch ? { fetch: overrides.fetch } : {}),
        ...(overrides.extensions ? { extensions: overrides.extensions } : {}),
      }),
    });
    return {
      module: AppModule,
      imports: [
        ScheduleModule.forRoot(),
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: config.databaseUrl,
          entities: [...HOST_ENTITIES, ...CIN7_CORE_ENTITIES],
          migrations: [
            ReferenceHost1764230000000,
            ReferenceHostShipment1764230001000,
            ReferenceHostAvailability1765160001000,
            ...CIN7_CORE_MIGRATIONS,
          ],
          migrationsRun: true,
          extra: { max: 20 },
        }),
        host,
        cin7,
        HostApiModule.register(hostOptions, [host, cin7]),
      ],
      controllers: [HealthController, ...(config.benchBareRoute ? [BenchBareController] : [])],
      providers: [{ provide: 'STANDALONE_CONFIG', useValue: config }],
    };
  }
}
