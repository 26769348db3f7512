import { Injectable } from '@nestjs/common';

/** Webhooks another feature wants registered alongside the shipment ones, at the connection's URL plus `path`. */
export interface ExtraWebhookSource {
  wanted(supplierId: string): Promise<{ type: string; path: string }[]>;
}

/**
 * Where other features (stock) register what they want at init: asked on every registration and check, so a
 * feature turned off has its webhook removed at the next one. Keeps shipments from depending on those features.
 */
@Injectable()
export class ExtraWebhooks {
  private readonly sources: ExtraWebhookSource[] = [];

  register(source: ExtraWebhookSource): void {
    this.sources.push(source);
  }

  async wanted(supplierId: string): Promise<{ type: string; path: string }[]> {
    return (await Promise.all(this.sources.map((s) => s.wanted(supplierId)))).flat();
  }
}
