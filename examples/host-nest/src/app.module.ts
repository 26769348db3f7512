import { type DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  CIN7_CORE_ENTITIES,
  CIN7_CORE_MIGRATIONS,
  type Cin7CoreHostPorts,
  Cin7CoreModule,
} from '@upstock/cin7-api';
import { DataSource } from 'typeorm';
import { ShopController } from './shop.controller.js';
import { shopExtensions } from './shop.extensions.js';
import { Shop1765140100000 } from './shop.migration.js';
import { shopPorts } from './shop.ports.js';
import { SHOP_PORTS } from './shop.tokens.js';

export interface ShopConfig {
  databaseUrl: string;
  cin7BaseUrl: string;
  publicBaseUrl: string;
  encryption: { currentKeyId: string; keys: Record<string, string> };
  serviceSecret: string;
  onCompanyChecked?: (supplierId: string, company: string) => void;
  schedulerTickMs?: number;
}

/** The shop's ports need its DataSource; a module of their own gives them to the Cin7 module and the shop's routes. */
@Module({})
class ShopPortsModule {
  static register(config: ShopConfig): DynamicModule {
    return {
      module: ShopPortsModule,
      providers: [
        {
          provide: SHOP_PORTS,
          inject: [DataSource],
          useFactory: (db: DataSource) => shopPorts(db, config.serviceSecret),
        },
      ],
      exports: [SHOP_PORTS],
    };
  }
}

@Module({})
export class ShopAppModule {
  static register(config: ShopConfig): DynamicModule {
    const ports = ShopPortsModule.register(config);
    // Mounted as a real host would: from the installed package, under the default prefix.
    const cin7 = Cin7CoreModule.forRootAsync({
      imports: [ports],
      inject: [SHOP_PORTS],
      useFactory: (shopPorts: Cin7CoreHostPorts) => ({
        ports: shopPorts,
        encryption: config.encryption,
        publicBaseUrl: config.publicBaseUrl,
        cin7BaseUrl: config.cin7BaseUrl,
        schedulerTickMs: config.schedulerTickMs ?? 60_000,
        extensions: shopExtensions(config.onCompanyChecked ?? (() => undefined)),
      }),
    });
    return {
      module: ShopAppModule,
      imports: [
        ScheduleModule.forRoot(),
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: config.databaseUrl,
          entities: [...CIN7_CORE_ENTITIES],
          migrations: [Shop1765140100000, ...CIN7_CORE_MIGRATIONS],
          migrationsRun: true,
        }),
        ports,
        cin7,
      ],
      controllers: [ShopController],
    };
  }
}
