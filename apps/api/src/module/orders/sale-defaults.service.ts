import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Cin7Client } from '@upstock/cin7-core';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import { CIN7_CORE_OPTIONS } from '../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../cin7-core.options.js';
import { clockOf } from '../work/clock.js';
import type { Cin7SaleDefaults } from './sale.mapper.js';
import { SaleDefaultsEntity } from './sale-defaults.entity.js';
import { taxCalculationMethodOf } from './sale-money.js';

/** Cin7's defaults rarely change; re-read them at most hourly so a push costs its two calls, not six. */
const DEFAULTS_TTL_MS = 60 * 60_000;

/**
 * What Cin7 decides about a sale that the supplier does not: default location and sale tax rule, tax rules and
 * TaxCalculationMethod, AutomaticallyApplyDiscounts, and whether the freight service product exists. Cached in
 * Postgres: read from Cin7 only in background work and on settings save (`GET /me`, `GET /ref/location`,
 * `GET /ref/tax`, `GET /product?Name=`: 4 calls an hour at most per supplier), read from the cache by previews.
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
    return row?.taxRules ? toDefaults(row) : null;
  }

  /**
   * Cached defaults, read again from Cin7 when missing or older than an hour (background work only). Many pushes
   * start at once after a burst of approvals: one reads Cin7 under a per-supplier lock, the others wait and reuse it.
   */
  async fresh(supplierId: string, client: DefaultsClient, freightName: string): Promise<Cin7SaleDefaults> {
    const current = await this.current(supplierId, freightName);
    if (current) return current;
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('cin7-sale-defaults'), hashtext($1))`, [
        supplierId,
      ]);
      return (
        (await this.current(supplierId, freightName, m)) ?? this.refresh(supplierId, client, freightName, m)
      );
    });
  }

  /**
   * After Cin7 refused a sale, the cached defaults are suspect (the supplier may have changed a tax rule or the tax
   * calculation method in Cin7 within the hour): the next push reads them again. Previews keep the old ones meanwhile.
   */
  async markStale(supplierId: string): Promise<void> {
    await this.defaults.update({ supplierId }, { refreshedAt: new Date(0) });
  }

  /** Fresh cached defaults; stale when older than the TTL, read before tax was sent, or about another freight name. */
  private async current(
    supplierId: string,
    freightName: string,
    m?: EntityManager,
  ): Promise<Cin7SaleDefaults | null> {
    const row = await (m?.getRepository(SaleDefaultsEntity) ?? this.defaults).findOneBy({ supplierId });
    const now = clockOf(this.options).now();
    if (!row?.taxRules || now - row.refreshedAt.getTime() >= DEFAULTS_TTL_MS) return null;
    if (row.freightProduct?.name.toLowerCase() !== freightName.toLowerCase()) return null;
    return toDefaults(row);
  }

  async refresh(
    supplierId: string,
    client: DefaultsClient,
    freightName: string,
    m?: EntityManager,
  ): Promise<Cin7SaleDefaults> {
    const me = await client.me.get();
    const locations = (await client.reference.locations()).filter((l) => !l.IsDeprecated);
    const taxRules = (await client.reference.taxRules())
      .filter((t) => t.IsActive !== false)
      .map((t) => ({ name: t.Name, percent: t.TaxPercent ?? 0, inclusive: t.TaxInclusive === true }));
    const values = {
      defaultLocation: locations.find((l) => l.IsDefault)?.Name ?? null,
      locationNames: locations.map((l) => l.Name),
      defaultTaxRule: me.DefaultSaleTaxRuleName || null,
      taxRules,
      taxCalculationMethod: taxCalculationMethodOf(me.TaxCalculationMethod),
      autoDiscounts: me.AutomaticallyApplyDiscounts === true,
      freightProduct: { name: freightName, exists: await serviceProductExists(client, freightName) },
      refreshedAt: new Date(clockOf(this.options).now()),
    };
    await (m?.getRepository(SaleDefaultsEntity) ?? this.defaults).upsert({ supplierId, ...values }, [
      'supplierId',
    ]);
    return toDefaults({ supplierId, ...values });
  }
}

type DefaultsClient = Pick<Cin7Client, 'me' | 'reference' | 'products'>;

/**
 * Whether Cin7 has an active service product with exactly this name: an additional charge's Description is "Name
 * of Service Product referenced by this Line" (BP L30711). `Name` filters by "containing" (BP L5276), so the
 * exact match is checked here; one call (Limit 100) covers any realistic number of similarly named products.
 */
export async function serviceProductExists(
  client: Pick<Cin7Client, 'products'>,
  name: string,
): Promise<boolean> {
  const page = await client.products.list({ Name: name, Limit: 100 });
  return page.items.some(
    (p) =>
      p.Type?.toLowerCase() === 'service' &&
      (p.Status ?? 'Active').toLowerCase() === 'active' &&
      p.Name.trim().toLowerCase() === name.trim().toLowerCase(),
  );
}

function toDefaults(row: SaleDefaultsEntity): Cin7SaleDefaults {
  return {
    defaultLocation: row.defaultLocation,
    locationNames: row.locationNames,
    defaultTaxRule: row.defaultTaxRule,
    taxRules: row.taxRules ?? [],
    taxCalculationMethod: row.taxCalculationMethod,
    autoDiscounts: row.autoDiscounts,
    freightProduct: row.freightProduct,
  };
}
