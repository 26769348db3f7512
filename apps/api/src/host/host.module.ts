import { type DynamicModule, Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Cin7CoreHostPorts } from '../module/index.js';
import { HOST_ENTITIES, HostSupplierEntity } from './entities/host.entities.js';
import { HOST_OPTIONS, type HostOptions } from './host.options.js';
import { HostCustomersPort } from './ports/host-customers.port.js';
import { HostInventoryPort } from './ports/host-inventory.port.js';
import { HostNotificationsPort } from './ports/host-notifications.port.js';
import { HostOrdersPort } from './ports/host-orders.port.js';
import { HostPriceListsPort } from './ports/host-price-lists.port.js';
import { HostProductsPort } from './ports/host-products.port.js';
import { HostServiceCalls } from './ports/host-service-calls.port.js';
import { HostTenantResolver } from './ports/host-tenant.resolver.js';

/** Two demo suppliers, one per sandbox account (NZD and AUD). Tokens are for the demo only. */
export const DEMO_SUPPLIERS = [
  { id: 'supplier-kiwi', name: 'Kiwi Wholesale Co', token: 'demo-token-kiwi' },
  { id: 'supplier-aussie', name: 'Aussie Pantry Supplies', token: 'demo-token-aussie' },
] as const;

const HOST_PORT_PROVIDERS = [
  HostTenantResolver,
  HostCustomersPort,
  HostProductsPort,
  HostPriceListsPort,
  HostOrdersPort,
  HostNotificationsPort,
  HostInventoryPort,
  HostServiceCalls,
];

/** The reference host's side of the module's contract, as one injectable object. */
export const HOST_PORTS = Symbol('HOST_PORTS');
const hostPorts = {
  provide: HOST_PORTS,
  inject: HOST_PORT_PROVIDERS,
  useFactory: (
    tenant: HostTenantResolver,
    customers: HostCustomersPort,
    products: HostProductsPort,
    priceLists: HostPriceListsPort,
    orders: HostOrdersPort,
    notifications: HostNotificationsPort,
    inventory: HostInventoryPort,
    hostCalls: HostServiceCalls,
  ): Cin7CoreHostPorts => ({
    tenant,
    customers,
    products,
    priceLists,
    orders,
    notifications,
    inventory,
    hostCalls,
  }),
};

/**
 * The reference host's side of the contract: Upstock's stand-in, on its own tables, implementing the module's
 * ports. Its demo suppliers and their public tokens exist only in demo mode.
 */
@Module({})
export class HostModule implements OnApplicationBootstrap {
  static register(options: HostOptions): DynamicModule {
    const providers = [{ provide: HOST_OPTIONS, useValue: options }, ...HOST_PORT_PROVIDERS, hostPorts];
    return {
      module: HostModule,
      imports: [TypeOrmModule.forFeature(HOST_ENTITIES)],
      providers,
      exports: [...providers, TypeOrmModule],
    };
  }

  constructor(
    @Inject(HOST_OPTIONS) private readonly options: HostOptions,
    @InjectRepository(HostSupplierEntity) private readonly suppliers: Repository<HostSupplierEntity>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.demo) await this.suppliers.upsert([...DEMO_SUPPLIERS], ['id']);
  }
}
