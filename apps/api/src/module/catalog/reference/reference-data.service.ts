import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import type { ReferenceData, ReferenceResponse } from '@upstock/cin7-contracts';
import type { Cin7Client } from '@upstock/cin7-core';
import { Repository } from 'typeorm';
import { CIN7_CORE_OPTIONS } from '../../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../../cin7-core.options.js';
import { ConnectionsService } from '../../connection/connections.service.js';
import { SettingsService } from '../../settings/settings.service.js';
import { ConnectionGoneError } from '../../work/call-budget.js';
import { clockOf } from '../../work/clock.js';
import { JobQueue, QUEUES } from '../../work/job-queue.service.js';
import { notConnected } from '../not-connected.error.js';
import { ReferenceDataEntity } from './reference-data.entity.js';

export const REFERENCE_REFRESH_INTERVAL = 'cin7-core:reference-refresh';
/** Reference books change rarely (a new location, a renamed tier): once a day, plus on connect and on demand. */
export const REFERENCE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Same key as the connect flow uses, so a refresh is queued at most once per supplier. */
export function referenceSingletonKey(supplierId: string): string {
  return `reference:${supplierId}`;
}

/**
 * The supplier's Cin7 locations, price tiers, tax rules, carriers and service products, cached in cin7_reference_data
 * for the settings panel (GET /reference): read in background work (five calls plus one per 1,000 products). The only
 * call in a request is the freight check's single look-up when a saved name is not in the cache.
 */
@Injectable()
export class ReferenceDataService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Cin7Core:Reference');

  constructor(
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
    @InjectRepository(ReferenceDataEntity) private readonly cache: Repository<ReferenceDataEntity>,
    private readonly connections: ConnectionsService,
    private readonly queue: JobQueue,
    private readonly scheduler: SchedulerRegistry,
    private readonly settings: SettingsService,
  ) {}

  onModuleInit(): void {
    this.settings.useServiceProductCheck((supplierId, name) => this.hasServiceProduct(supplierId, name));
    this.queue.register(QUEUES.referenceRefresh, (data) => this.refresh(data.supplierId));
    const tick = setInterval(() => void this.enqueueStale(), this.options.schedulerTickMs ?? 60_000);
    this.scheduler.addInterval(REFERENCE_REFRESH_INTERVAL, tick);
  }

  onModuleDestroy(): void {
    if (this.scheduler.doesExist('interval', REFERENCE_REFRESH_INTERVAL)) {
      this.scheduler.deleteInterval(REFERENCE_REFRESH_INTERVAL);
    }
  }

  async get(supplierId: string): Promise<ReferenceResponse> {
    const row = await this.cache.findOneBy({ supplierId });
    if (!row) {
      return {
        locations: [],
        priceTiers: [],
        taxRules: [],
        carriers: [],
        serviceProducts: [],
        defaultSaleTaxRule: null,
        pricesIncludeTax: null,
        refreshedAt: null,
      };
    }
    return {
      locations: row.locations,
      priceTiers: row.priceTiers,
      taxRules: row.taxRules,
      carriers: row.carriers,
      serviceProducts: row.serviceProducts,
      defaultSaleTaxRule: row.defaultSaleTaxRule,
      pricesIncludeTax: row.pricesIncludeTax,
      refreshedAt: row.refreshedAt.toISOString(),
    };
  }

  async requestRefresh(supplierId: string): Promise<void> {
    const connection = await this.connections.describe(supplierId);
    if (connection.status === 'disconnected') throw notConnected('refreshing reference data');
    await this.queue.send(
      QUEUES.referenceRefresh,
      { supplierId },
      { singletonKey: referenceSingletonKey(supplierId) },
    );
  }

  /**
   * Whether `name` may be the freight service product: answered from the cache when it lists the name (no Cin7
   * call); otherwise one exact look-up (a product added since the daily refresh), remembered in the cache. Null when
   * no Cin7 account is connected (nothing to check against; the push still refuses before writing).
   */
  async hasServiceProduct(supplierId: string, name: string): Promise<boolean | null> {
    const row = await this.cache.findOneBy({ supplierId });
    const wanted = name.trim().toLowerCase();
    if (row?.serviceProducts.some((n) => n.toLowerCase() === wanted)) return true;
    const connection = await this.connections.describe(supplierId);
    if (connection.status === 'disconnected') return null;
    const { client } = await this.connections.clientFor(supplierId, 'interactive');
    const found = await findServiceProduct(client, name);
    if (found && row) {
      await this.cache.update({ supplierId }, { serviceProducts: [...row.serviceProducts, found].sort() });
    }
    return found !== null;
  }

  /** The job: five Cin7 reads at background priority, then one row replaced. A removed connection stops quietly. */
  async refresh(supplierId: string): Promise<void> {
    let client: Cin7Client;
    try {
      ({ client } = await this.connections.clientFor(supplierId, 'background'));
      const data = await readReferenceData(client);
      await this.cache.upsert({ supplierId, ...data, refreshedAt: new Date(this.clock().now()) }, [
        'supplierId',
      ]);
    } catch (error) {
      if (error instanceof ConnectionGoneError) return;
      throw error;
    }
  }

  /** Thin fan-out: queues a refresh for each connection whose books are older than a day. */
  async enqueueStale(): Promise<void> {
    try {
      const connections = await this.connections.findActiveConnections();
      if (connections.length === 0) return;
      const fresh = new Set(
        (await this.cache.find({ select: { supplierId: true, refreshedAt: true } }))
          .filter((r) => this.clock().now() - r.refreshedAt.getTime() < REFERENCE_MAX_AGE_MS)
          .map((r) => r.supplierId),
      );
      for (const c of connections) {
        if (fresh.has(c.supplierId)) continue;
        await this.queue.send(
          QUEUES.referenceRefresh,
          { supplierId: c.supplierId },
          { singletonKey: referenceSingletonKey(c.supplierId) },
        );
      }
    } catch (error) {
      this.logger.warn(
        `Could not queue reference refreshes: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private clock() {
    return clockOf(this.options);
  }
}

export async function readReferenceData(client: Cin7Client): Promise<ReferenceData> {
  const [me, tiers, taxRules, locations, carriers] = [
    await client.me.get(),
    await client.reference.priceTiers(),
    await client.reference.taxRules(),
    await client.reference.locations(),
    await client.reference.carriers(),
  ];
  const serviceProducts = await readServiceProducts(client);
  const defaultSaleTaxRule = me.DefaultSaleTaxRuleName || null;
  // Same rule as the sale mapper's fallback (orders/sale.mapper.ts): the default sale tax rule decides.
  const defaultRule = taxRules.find((t) => t.Name.toLowerCase() === defaultSaleTaxRule?.toLowerCase());
  return {
    defaultSaleTaxRule,
    pricesIncludeTax: defaultRule ? defaultRule.TaxInclusive === true : null,
    priceTiers: tiers.map((t) => ({ code: t.Code, name: t.Name })).sort((a, b) => a.code - b.code),
    taxRules: taxRules
      .filter((t) => t.IsActive !== false)
      .map((t) => ({
        id: t.ID,
        name: t.Name,
        percent: t.TaxPercent ?? sumComponents(t.Components),
        taxInclusive: t.TaxInclusive === true,
        forSale: t.IsTaxForSale !== false,
      })),
    locations: locations
      .filter((l) => l.IsDeprecated !== true && l.Deprecated !== true)
      .map((l) => ({ id: l.ID, name: l.Name, isDefault: l.IsDefault === true })),
    carriers: carriers.map((c) => ({ id: c.CarrierID, name: c.Description })),
    serviceProducts,
  };
}

const isActiveService = (p: { Type?: string | null; Status?: string | null }) =>
  p.Type?.toLowerCase() === 'service' && (p.Status ?? 'Active').toLowerCase() === 'active';

/**
 * Cin7's product list has no type filter (BP L5269), so the service products are picked out of the product pages
 * at Limit 1000 without Include* flags: ceil(products / 1000) calls, in this daily background refresh only.
 */
async function readServiceProducts(client: Cin7Client): Promise<string[]> {
  const names = new Set<string>();
  for await (const page of client.products.pages({ Limit: 1000 })) {
    for (const p of page.items) if (isActiveService(p)) names.add(p.Name.trim());
  }
  return [...names].sort();
}

/** Cin7's spelling of the active service product named exactly `name` (`Name` filters by "containing", BP L5276). */
async function findServiceProduct(client: Cin7Client, name: string): Promise<string | null> {
  const page = await client.products.list({ Name: name.trim(), Limit: 100 });
  const wanted = name.trim().toLowerCase();
  return (
    page.items.find((p) => isActiveService(p) && p.Name.trim().toLowerCase() === wanted)?.Name.trim() ?? null
  );
}

function sumComponents(components: readonly { Percent: number | null }[]): number | null {
  if (components.length === 0) return null;
  return components.reduce((sum, c) => sum + (c.Percent ?? 0), 0);
}
