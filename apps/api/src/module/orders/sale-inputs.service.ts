import { Inject, Injectable } from '@nestjs/common';
import { CatalogLinks } from '../catalog/index.js';
import { CIN7_CORE_OPTIONS } from '../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../cin7-core.options.js';
import { ConnectionsService } from '../connection/connections.service.js';
import type { HostOrder } from '../ports/index.js';
import { SettingsService } from '../settings/settings.service.js';
import type { PushProductLink, SaleMappingInput } from './sale.mapper.js';

export type GatheredInput =
  | { ok: true; input: Omit<SaleMappingInput, 'defaults'> }
  | { ok: false; refusal: string; order: HostOrder | null };

/**
 * Everything a sale is built from, read from Postgres and the host's ports (never from Cin7): the order, the
 * customer's and products' links, the settings, the connection's base currency. Shared by the push and the
 * preview, so both build the same sale.
 */
@Injectable()
export class SaleInputs {
  constructor(
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
    private readonly links: CatalogLinks,
    private readonly settings: SettingsService,
    private readonly connections: ConnectionsService,
  ) {}

  /** The freight setting's service product name (the defaults check that Cin7 has it). */
  async freightName(supplierId: string): Promise<string> {
    return (await this.settings.get(supplierId)).freightServiceName;
  }

  /** Throws ConnectionGoneError when the supplier has no Cin7 connection. */
  async gather(supplierId: string, orderId: string): Promise<GatheredInput> {
    const { ports } = this.options;
    const order = await ports.orders.findOrder(supplierId, orderId);
    if (!order) return { ok: false, refusal: 'The order no longer exists in Upstock', order: null };
    if (order.status === 'cancelled')
      return { ok: false, refusal: 'The order was cancelled in Upstock', order };
    const connection = await this.connections.requireActive(supplierId);
    const [settings, customerLink, hostCustomer, productLinks] = await Promise.all([
      this.settings.get(supplierId),
      this.links.customerLink(supplierId, order.customerId),
      ports.customers.find(supplierId, order.customerId),
      this.links.productLinksByUpstockIds(
        supplierId,
        order.lines.map((l) => l.productId),
      ),
    ]);
    const products = new Map<string, PushProductLink>(productLinks);
    return {
      ok: true,
      input: {
        orderId,
        order,
        customerName: hostCustomer?.name ?? null,
        customer: customerLink,
        products,
        settings,
        baseCurrency: connection.baseCurrency,
      },
    };
  }
}
