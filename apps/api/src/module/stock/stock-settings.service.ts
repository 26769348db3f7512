import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DEFAULT_STOCK_SETTINGS, type StockSettings } from '@upstock/cin7-contracts';
import type { Cin7Client } from '@upstock/cin7-core';
import { Repository } from 'typeorm';
import { SaleDefaultsService } from '../orders/sale-defaults.service.js';
import { SettingsService } from '../settings/settings.service.js';
import { StockSettingsEntity } from './stock.entities.js';

export interface ResolvedLocations {
  /** The locations whose rows are summed. */
  locations: string[];
  /** Chosen locations Cin7 does not have (when its list is known): reported, still asked for. */
  unknown: string[];
}

/** The supplier's stock choices, and which Cin7 locations they mean today. */
@Injectable()
export class StockSettingsService {
  constructor(
    @InjectRepository(StockSettingsEntity) private readonly settings: Repository<StockSettingsEntity>,
    private readonly saleSettings: SettingsService,
    private readonly saleDefaults: SaleDefaultsService,
  ) {}

  async get(supplierId: string): Promise<StockSettings> {
    const row = await this.settings.findOneBy({ supplierId });
    return { ...DEFAULT_STOCK_SETTINGS, ...row?.settings };
  }

  /** `settings` is complete and valid (parsed by the contracts schema). */
  async replace(supplierId: string, settings: StockSettings): Promise<StockSettings> {
    await this.settings.upsert({ supplierId, settings }, ['supplierId']);
    return settings;
  }

  /**
   * The chosen locations, or when none is chosen the location sales are created in: the sale setting, else Cin7's
   * default location. With a client (background work) Cin7's locations are read (one call, `GET ref/location`);
   * without one the sale defaults' cache is used, and null means "not known yet".
   */
  async resolve(
    supplierId: string,
    client?: Pick<Cin7Client, 'reference'>,
  ): Promise<ResolvedLocations | null> {
    const settings = await this.get(supplierId);
    let defaultLocation: string | null;
    let names: string[] | null;
    if (client) {
      const current = (await client.reference.locations()).filter((l) => !l.IsDeprecated);
      defaultLocation = current.find((l) => l.IsDefault)?.Name ?? null;
      names = current.map((l) => l.Name);
    } else {
      const cached = await this.saleDefaults.cached(supplierId);
      defaultLocation = cached?.defaultLocation ?? null;
      names = cached?.locationNames ?? null;
    }
    let locations = settings.locations;
    if (locations.length === 0) {
      const sale = (await this.saleSettings.get(supplierId)).location ?? defaultLocation;
      if (!sale) return null;
      locations = [sale];
    }
    const known = names ? new Set(names.map((n) => n.toLowerCase())) : null;
    return { locations, unknown: known ? locations.filter((l) => !known.has(l.toLowerCase())) : [] };
  }
}
