import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type INestApplication, Module } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CIN7_CORE_ROUTE_PREFIX } from '../../src/module/cin7-core.module-definition.js';
import { HostCallGuard } from '../../src/module/common/host-call.guard.js';
import { InputEdgeGuard } from '../../src/module/common/input-edge.js';
import { TenantGuard } from '../../src/module/common/tenant.guard.js';
import {
  CIN7_CORE_ENTITIES,
  CIN7_CORE_MIGRATIONS,
  type Cin7CoreHostPorts,
  Cin7CoreModule,
  Cin7OrderApprovals,
  generateEncryptionKey,
} from '../../src/module/index.js';
import { isCin7WebhookController } from '../../src/module/shipments/webhooks/cin7-webhook.decorator.js';
import { createTestDatabase } from '../support/database.js';

/** A host that is not the reference host: its own provider of ports, a custom prefix, forRootAsync. */
const ports: Cin7CoreHostPorts = {
  tenant: { resolveSupplierId: async (r) => (r.headers['x-supplier'] as string | undefined) ?? null },
  customers: {
    list: async () => ({ items: [], total: 0 }),
    find: async () => null,
    upsertMany: async (_, c) => c.map((_x, i) => `c${i}`),
    setOrderingBlocked: async () => undefined,
  },
  products: {
    findBySkus: async () => [],
    upsertMany: async (_, p) => p.map((_x, i) => `p${i}`),
    setBasePrices: async () => undefined,
  },
  priceLists: {
    replacePriceList: async () => 'list',
    assignCustomers: async () => undefined,
    replaceCustomerPrices: async () => undefined,
    priceFor: async () => null,
  },
  orders: {
    findOrder: async () => null,
    markShipped: async () => undefined,
    setTotalsMismatch: async () => undefined,
  },
  notifications: { notify: async () => undefined },
};

const HOST_PORTS = Symbol('HOST_PORTS');
const HOST_APPLICATION_NAME = 'minimal-host';

@Module({ providers: [{ provide: HOST_PORTS, useValue: ports }], exports: [HOST_PORTS] })
class HostPortsModule {}

describe('mounting Cin7CoreModule in a minimal host (forRootAsync)', () => {
  let app: INestApplication;
  let db: { url: string; drop(): Promise<void> };
  const errors: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const moduleRef = await Test.createTestingModule({
      imports: [
        ScheduleModule.forRoot(),
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: db.url,
          applicationName: HOST_APPLICATION_NAME,
          entities: CIN7_CORE_ENTITIES,
          migrations: CIN7_CORE_MIGRATIONS,
          migrationsRun: true,
        }),
        Cin7CoreModule.forRootAsync({
          routePrefix: 'partners/cin7',
          imports: [HostPortsModule],
          inject: [HOST_PORTS],
          useFactory: (hostPorts: Cin7CoreHostPorts) => ({
            ports: hostPorts,
            encryption: { currentKeyId: 'k', keys: { k: generateEncryptionKey() } },
            publicBaseUrl: 'http://127.0.0.1:1',
            cin7BaseUrl: 'http://127.0.0.1:1/ExternalApi/v2/',
            jobMaintenanceIntervalSeconds: 1,
          }),
        }),
      ],
    }).compile();
    const quiet = () => undefined;
    app = moduleRef.createNestApplication({
      logger: {
        log: quiet,
        warn: quiet,
        debug: quiet,
        verbose: quiet,
        error: (m: unknown) => errors.push(String(m)),
      },
    });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('serves every route under the prefix the host chose', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    const paths = Object.keys(document.paths).sort();
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((p) => !p.startsWith('/partners/cin7/'))).toEqual([]);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/partners/cin7/connection',
        '/partners/cin7/settings',
        '/partners/cin7/jobs',
        '/partners/cin7/jobs/{id}',
      ]),
    );
  });

  it('tells its own code the prefix, so the webhook URL it gives Cin7 matches the route', () => {
    expect(app.get(CIN7_CORE_ROUTE_PREFIX)).toBe('partners/cin7');
  });

  it('guards every controller with the tenant guard (the host’s service guard for host calls), except the one Cin7 calls, and checks every input at the edge', () => {
    const tree = new Set<unknown>(Reflect.getMetadata('imports', Cin7CoreModule));
    const controllers = [...app.get(ModulesContainer).values()]
      .filter((m) => tree.has(m.metatype))
      .flatMap((m) => [...m.controllers.values()].map((c) => c.metatype as object));
    expect(controllers.length).toBeGreaterThan(3);
    const unguarded = controllers.filter((c) => {
      const guards: unknown[] = Reflect.getMetadata('__guards__', c) ?? [];
      return !guards.includes(TenantGuard) && !guards.includes(HostCallGuard) && !isCin7WebhookController(c);
    });
    expect(unguarded.map((c) => (c as { name: string }).name)).toEqual([]);
    const hostCalls = controllers.filter((c) =>
      Reflect.getMetadata('__guards__', c)?.includes(HostCallGuard),
    );
    expect(hostCalls.map((c) => (c as { name: string }).name)).toEqual(['OrderApprovalsController']);
    const unchecked = controllers.filter(
      (c) => !(Reflect.getMetadata('__guards__', c) ?? []).includes(InputEdgeGuard),
    );
    expect(unchecked.map((c) => (c as { name: string }).name)).toEqual([]);
    // Shipment events and stock levels: the two routes Cin7 calls.
    expect(controllers.filter(isCin7WebhookController)).toHaveLength(2);
  });

  it("creates the module's tables through its migrations", async () => {
    const tables: { table_name: string }[] = await app
      .get(DataSource)
      .query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'cin7_%'`,
      );
    const expected = app.get(DataSource).entityMetadatas.map((m) => m.tableName);
    expect(tables.map((t) => t.table_name).sort()).toEqual([...expected].sort());
  });

  it('is one Nest module per feature, and hands the host only the approval entry point', () => {
    const names = [...app.get(ModulesContainer).values()].map((m) => m.metatype.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Cin7FoundationModule',
        'CatalogModule',
        'PricesModule',
        'OrdersModule',
        'ShipmentsModule',
      ]),
    );
    expect(Reflect.getMetadata('exports', Cin7CoreModule)).toEqual([Cin7OrderApprovals]);
    expect(app.get(Cin7OrderApprovals)).toBeInstanceOf(Cin7OrderApprovals);
  });

  it('declares its scheduled jobs once each, and no cron of its own ScheduleModule', () => {
    const registry = app.get(SchedulerRegistry);
    expect(registry.getCronJobs().size).toBe(0);
    expect([...registry.getIntervals()].sort()).toEqual(EXPECTED_INTERVALS);
  });

  it("listens for new jobs on one connection made with the host's own settings", async () => {
    // The LISTEN client is built from the data source options (here the application name), not TypeORM's internals.
    const listening = async () => {
      const rows: unknown[] = await app
        .get(DataSource)
        .query(`SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN %'`, [
          HOST_APPLICATION_NAME,
        ]);
      return rows.length;
    };
    for (let i = 0; i < 100 && (await listening()) === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await listening()).toBe(1);
    // pg-boss's maintenance (every second here) runs multi-statement SQL on the host's pool and reads every
    // statement's rows: an absence is only seen over time, so two passes are given to fail.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(errors).toEqual([]);
  });

  it('answers 401 without a supplier, and serves the caller the host resolved', async () => {
    expect((await request(app.getHttpServer()).get('/partners/cin7/settings')).status).toBe(401);
    const res = await request(app.getHttpServer()).get('/partners/cin7/settings').set('x-supplier', 'acme');
    expect(res.status).toBe(200);
    expect(res.body.saleStatus).toBe('DRAFT');
  });
});

/** Each named once; the tick only enqueues (the work itself is claimed in Postgres by one replica). */
const EXPECTED_INTERVALS = [
  'cin7-core:order-push-sweep',
  'cin7-core:price-sync',
  'cin7-core:reference-refresh',
  'cin7-core:shipments',
  'cin7-core:stock-sync',
];
