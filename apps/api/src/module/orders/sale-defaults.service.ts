import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Cin7Client } from '@upstock/cin7-core';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import { CIN7_CORE_OPTIONS } from '../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../cin7-core.options.js';
import { clockOf } from '../work/clock.js';
import type { Cin7SaleDefaults } from './sale.mapper.js';
import { SaleDefaultsEntity } from './sale-defaults.entity.js';

/** Cin7's defaults rarely change; re-read them at most hourly so a push costs its two calls, not four. */
const DEFAULTS_TTL_MS = 60 * 60_000;

/**
 * Cin7's default location and default sale tax rule, cached in Postgres: read from Cin7 only in background work
 * (`GET /me`, `GET /ref/location`), read from the cache by previews.
 */
@Injectable()
export class SaleDefaultsService {
  constructor(
    @InjectRepository(SaleDefaultsEntity) private readonly defaults: Repository<SaleDefaultsEntity>,
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
    private readonly dataSource: DataSource,
  ) {}

  /** The cached defaults, or null when never read. */
  async cached(supplierId: string): Promise<Cin7SaleDefaults | null> {
    const row = await this.defaults.findOneBy({ supplierId });
    return row ? toDefaults(row) : null;
  }

  /**
   * Cached defaults, read again from Cin7 when missing or older than an hour (background work only). Many pushes
   * start at once after a burst of approvals: one reads Cin7 under a per-supplier lock, the others wait and reuse it.
   */
  async fresh(supplierId: string, client: Pick<Cin7Client, 'me' | 'reference'>): Promise<Cin7SaleDefaults> {
    const current = await this.current(supplierId);
    if (current) return current;
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('cin7-sale-defaults'), hashtext($1))`, [
        supplierId,
      ]);
      return (await this.current(supplierId, m)) ?? this.refresh(supplierId, client, m);
    });
  }

  private async current(supplierId: string, m?: EntityManager): Promise<Cin7SaleDefaults | null> {
    const row = await (m?.getRepository(SaleDefaultsEntity) ?? this.defaults).findOneBy({ supplierId });
    const now = clockOf(this.options).now();
    return row && now - row.refreshedAt.getTime() < DEFAULTS_TTL_MS ? toDefaults(row) : null;
  }

  async refresh(
    supplierId: string,
    client: Pick<Cin7Client, 'me' | 'reference'>,
    m?: EntityManager,
  ): Promise<Cin7SaleDefaults> {
    const me = await client.me.get();
    const locations = (await client.reference.locations()).filter((l) => !l.IsDeprecated);
    const values = {
      defaultLocation: locations.find((l) => l.IsDefault)?.Name ?? null,
      locationNames: locations.map((l) => l.Name),
      defaultTaxRule: me.DefaultSaleTaxRuleName || null,
      refreshedAt: new Date(clockOf(this.options).now()),
    };
    await (m?.getRepository(SaleDefaultsEntity) ?? this.defaults).upsert({ supplierId, ...values }, [
      'supplierId',
    ]);
    return toDefaults({ supplierId, ...values });
  }
}

function toDefaults(row: SaleDefaultsEntity): Cin7SaleDefaults {
  return {
    defaultLocation: row.defaultLocation,
    locationNames: row.locationNames,
    defaultTaxRule: row.defaultTaxRule,
  };
}
