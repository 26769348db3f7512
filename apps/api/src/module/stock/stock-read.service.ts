import { Injectable } from '@nestjs/common';
import { ConnectionsService } from '../connection/connections.service.js';
import { ConnectionGoneError } from '../work/call-budget.js';
import { StockSettingsService } from './stock-settings.service.js';
import { sumRows } from './stock-sum.js';
import { StockWriter } from './stock-writer.service.js';

/**
 * A targeted read of one product (`ref/productavailability?ID=`, one call at background priority), for a webhook
 * that was cut or doubtful: Cin7's answer now is the truth, whatever order the deliveries came in.
 */
@Injectable()
export class StockReadService {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly settings: StockSettingsService,
    private readonly writer: StockWriter,
  ) {}

  async read(supplierId: string, cin7ProductId: string): Promise<void> {
    const settings = await this.settings.get(supplierId);
    if (!settings.enabled || !this.writer.inventory) return;
    let client: Awaited<ReturnType<ConnectionsService['clientFor']>>['client'];
    try {
      ({ client } = await this.connections.clientFor(supplierId, 'background'));
    } catch (error) {
      if (error instanceof ConnectionGoneError) return;
      throw error;
    }
    const resolved = await this.settings.resolve(supplierId, client);
    if (!resolved) return;
    const rows = await client.availability.forProduct(cin7ProductId);
    const sum = sumRows(rows, resolved.locations).get(cin7ProductId.toLowerCase()) ?? {
      available: 0,
      onOrder: 0,
      nextDeliveryDate: null,
    };
    await this.writer.write(supplierId, [{ cin7ProductId: cin7ProductId.toLowerCase(), sum }], {
      display: settings.display,
      event: true,
    });
  }
}
