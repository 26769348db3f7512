import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type ExtraWebhookSource, ExtraWebhooks } from '../shipments/webhooks/extra-webhooks.js';
import { StockSettingsService } from './stock-settings.service.js';
import { StockWriter } from './stock-writer.service.js';

/** Cin7's stock webhook (BP L27990). */
export const STOCK_WEBHOOK_TYPE = 'Stock/AvailableStockLevelChanged';
/** Under the connection's webhook URL: `.../webhooks/cin7/:connectionId/stock`. */
export const STOCK_WEBHOOK_PATH = 'stock';

/** The stock webhook is wanted while the supplier has stock sync on (and the host takes availability). */
@Injectable()
export class StockWebhookSubscription implements ExtraWebhookSource, OnModuleInit {
  constructor(
    private readonly settings: StockSettingsService,
    private readonly writer: StockWriter,
    private readonly extras: ExtraWebhooks,
  ) {}

  onModuleInit(): void {
    this.extras.register(this);
  }

  async wanted(supplierId: string): Promise<{ type: string; path: string }[]> {
    const { enabled } = await this.settings.get(supplierId);
    return enabled && this.writer.inventory ? [{ type: STOCK_WEBHOOK_TYPE, path: STOCK_WEBHOOK_PATH }] : [];
  }
}
