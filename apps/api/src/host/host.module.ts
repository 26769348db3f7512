import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { HOST_ENTITIES, HostSupplierEntity } from './entities/host.entities.js';
import { HostAuthGuard } from './host-auth.guard.js';
import { HostOrdersService } from './host-orders.service.js';
import { HostCustomersPort } from './ports/host-customers.port.js';
import { HostNotificationsPort } from './ports/host-notifications.port.js';
import { HostOrdersPort } from './ports/host-orders.port.js';
import { HostPriceListsPort } from './ports/host-price-lists.port.js';
import { HostProductsPort } from './ports/host-products.port.js';
import { HostTenantResolver } from './ports/host-tenant.resolver.js';
import { HostController, HostDemoController } from './routes/host.controller.js';

/** Two demo suppliers, one per sandbox account (NZD and AUD). Tokens are for the demo only. */
export const DEMO_SUPPLIERS = [
  { id: 'supplier-kiwi', name: 'Kiwi Wholesale Co', token: 'demo-token-kiwi' },
  { id: 'supplier-aussie', name: 'Aussie Pantry Supplies', token: 'demo-token-aussie' },
] as const;

export const HOST_PORT_PROVIDERS = [
  HostTenantResolver,
  HostCustomersPort,
  HostProductsPort,
  HostPriceListsPort,
  HostOrdersPort,
  HostNotificationsPort,
];

/** The reference host: Upstock's stand-in, on its own tables, implementing the module's ports. */
@Module({
  imports: [TypeOrmModule.forFeature(HOST_ENTITIES)],
  controllers: [HostDemoController, HostController],
  providers: [...HOST_PORT_PROVIDERS, HostAuthGuard, HostOrdersService],
  exports: [...HOST_PORT_PROVIDERS, HostOrdersService, TypeOrmModule],
})
export class HostModule implements OnApplicationBootstrap {
  constructor(
    @InjectRepository(HostSupplierEntity) private readonly suppliers: Repository<HostSupplierEntity>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.suppliers.upsert([...DEMO_SUPPLIERS], ['id']);
  }
}
