import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  type RunningSandbox,
  startSandbox,
  WEBHOOK_FIRST_ATTEMPT_MINUTES,
  WEBHOOK_RETRY_MINUTES,
} from '../src/index.js';
import { apiFor, eventually, withMoney } from './sandbox-test-kit.js';

type Row = Record<string, unknown>;

describe('sandbox: webhooks', () => {
  let sandbox: RunningSandbox;
  let api: ReturnType<typeof apiFor>;
  let receiver: Server;
  let receiverUrl: string;
  let answer = 200;
  let received: { headers: IncomingHttpHeaders; body: Row }[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => {
        text += c.toString();
      });
      req.on('end', () => {
        received.push({ headers: req.headers, body: JSON.parse(text) as Row });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    sandbox = await startSandbox({ seed: 'demo', timeScale: 0, rateLimit: { enabled: false } });
    api = apiFor(sandbox);
  });
  beforeEach(async () => {
    await sandbox.admin.reset();
    received = [];
    answer = 200;
  });
  afterAll(async () => {
    await sandbox.close();
    await new Promise((r) => receiver.close(r));
  });

  async function authorisedSale(): Promise<Row> {
    const customer = (await api<{ CustomerList: Row[] }>('GET', 'customer?Name=Kiwi')).body
      .CustomerList[0] as Row;
    const product = (await api<{ Products: Row[] }>('GET', 'product?Sku=STOVE-MINI')).body.Products[0] as Row;
    const sale = (
      await api<Row>('POST', 'sale', { CustomerID: customer.ID, SkipQuote: true, Location: 'Main Warehouse' })
    ).body;
    await api(
      'POST',
      'sale/order',
      withMoney({
        SaleID: sale.ID,
        Status: 'AUTHORISED',
        Lines: [
          {
            ProductID: product.ID,
            Name: product.Name,
            Quantity: 1,
            Price: 50,
            Total: 50,
            TaxRule: 'GST on Income',
          },
        ],
      }),
    );
    return sale;
  }

  it('manages registrations, max 5 per type', async () => {
    const body = {
      Type: 'Sale/ShipmentAuthorised',
      ExternalURL: receiverUrl,
      ExternalAuthorizationType: 'noauth',
    };
    const created = await api<{ Webhooks: Row[] }>('POST', 'webhooks', body);
    expect(created.body.Webhooks[0]).toMatchObject({ Type: 'Sale/ShipmentAuthorised', IsActive: true });
    for (let i = 0; i < 4; i++) expect((await api('POST', 'webhooks', body)).status).toBe(200);
    expect((await api('POST', 'webhooks', body)).status).toBe(400);
    const id = created.body.Webhooks[0]?.ID;
    await api('PUT', 'webhooks', { ID: id, IsActive: false });
    const list = await api<{ Webhooks: Row[] }>('GET', 'webhooks');
    expect(list.body.Webhooks.find((w) => w.ID === id)?.IsActive).toBe(false);
    expect((await api<{ Webhooks: Row[] }>('DELETE', `webhooks?ID=${id}`)).body).toEqual({ Webhooks: [] });
    expect((await api<{ Webhooks: Row[] }>('GET', 'webhooks')).body.Webhooks).toHaveLength(4);
  });

  it('delivers ShipmentAuthorised and ShipmentTrackingNumberChanged with headers and auth as registered', async () => {
    await api('POST', 'webhooks', {
      Type: 'Sale/ShipmentAuthorised',
      ExternalURL: receiverUrl,
      ExternalAuthorizationType: 'bearerauth',
      ExternalBearerToken: 'secret-token',
      ExternalHeaders: [{ Key: 'X-Upstock-Connection', Value: 'conn-1' }],
    });
    await api('POST', 'webhooks', {
      Type: 'Sale/ShipmentTrackingNumberChanged',
      ExternalURL: receiverUrl,
      ExternalAuthorizationType: 'basicauth',
      ExternalUserName: 'u',
      ExternalPassword: 'p',
    });
    const sale = await authorisedSale();
    await sandbox.admin.shipSale(0, String(sale.ID), {
      trackingNumber: 'NZ123',
      carrier: 'NZ Post',
      trackingUrl: 'https://t.example/NZ123',
    });
    // "first time - in 1 minute after event" (BP L27929-27930), in simulated time.
    await sandbox.admin.advanceTime(60_000 - 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(received).toHaveLength(0);
    await sandbox.admin.advanceTime(1);
    await eventually(async () => (received.length >= 2 ? true : undefined), 'two deliveries');
    const authorised = received.find((r) => r.body.EventType === 'Sale/ShipmentAuthorised');
    expect(authorised?.headers.authorization).toBe('Bearer secret-token');
    expect(authorised?.headers['x-upstock-connection']).toBe('conn-1');
    expect(authorised?.body).toMatchObject({
      SaleTaskID: String(sale.ID).toUpperCase(),
      TenantID: sandbox && String((await sandbox.admin.accounts()).accounts[0]?.accountId).toUpperCase(),
      OrderNumber: (sale.Order as Row).SaleOrderNumber,
      CustomerName: 'Kiwi Outdoors Ltd',
      CustomerContactName: 'Sam Buyer',
    });
    const tracking = received.find((r) => r.body.EventType === 'Sale/ShipmentTrackingNumberChanged');
    expect(tracking?.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    expect(tracking?.body).toMatchObject({
      SaleID: sale.ID,
      TaskTypeSign: 0,
      Shipments: [
        expect.objectContaining({
          TrackingNumber: 'NZ123',
          TrackingUrl: 'https://t.example/NZ123',
          Carrier: 'NZ Post',
        }),
      ],
    });
    expect(String(tracking?.body.SaleOrderDate)).toMatch(/^\d\d\/\d\d\/\d{4}$/);
  });

  it('tries 6 times: 1 minute after the event, then 5, 10, 15, 20, 25 minutes apart, then deactivates (BP L27929-27944)', async () => {
    answer = 500;
    await api('POST', 'webhooks', {
      Type: 'Sale/ShipmentAuthorised',
      ExternalURL: receiverUrl,
      ExternalAuthorizationType: 'noauth',
    });
    const sale = await authorisedSale();
    await sandbox.admin.shipSale(0, String(sale.ID));
    expect(WEBHOOK_FIRST_ATTEMPT_MINUTES).toBe(1);
    await sandbox.admin.advanceTime(WEBHOOK_FIRST_ATTEMPT_MINUTES * 60_000);
    const attempts = async (n: number) =>
      eventually(async () => {
        const [d] = await sandbox.admin.webhookDeliveries();
        return d && d.attempts.length >= n ? d : undefined;
      }, `${n} attempts`);
    let delivery = await attempts(1);
    for (const [i, minutes] of WEBHOOK_RETRY_MINUTES.entries()) {
      expect(Date.parse(String(delivery.nextAttemptAt)) - Date.parse(String(delivery.attempts[i]?.at))).toBe(
        minutes * 60_000,
      );
      await sandbox.admin.advanceTime(minutes * 60_000 - 1);
      expect((await sandbox.admin.webhookDeliveries())[0]?.attempts).toHaveLength(i + 1); // not due yet
      await sandbox.admin.advanceTime(1);
      delivery = await attempts(i + 2);
    }
    expect(delivery).toMatchObject({ state: 'failed', nextAttemptAt: null });
    expect(delivery.attempts.map((a) => a.status)).toEqual(Array(6).fill(500));
    expect(received).toHaveLength(6);
    const hooks = await api<{ Webhooks: Row[] }>('GET', 'webhooks');
    expect(hooks.body.Webhooks[0]?.IsActive).toBe(false);
  });

  it('stops retrying once a retry succeeds, and sends nothing when webhooks are switched off', async () => {
    answer = 503;
    await api('POST', 'webhooks', {
      Type: 'Sale/ShipmentAuthorised',
      ExternalURL: receiverUrl,
      ExternalAuthorizationType: 'noauth',
    });
    const sale = await authorisedSale();
    await sandbox.admin.shipSale(0, String(sale.ID));
    await sandbox.admin.advanceTime(60_000);
    await eventually(async () => (received.length === 1 ? true : undefined), 'first attempt');
    answer = 200;
    await sandbox.admin.advanceTime(5 * 60_000);
    const done = await eventually(async () => {
      const [d] = await sandbox.admin.webhookDeliveries();
      return d?.state === 'delivered' ? d : undefined;
    }, 'delivered');
    expect(done.attempts.map((a) => a.status)).toEqual([503, 200]);

    await sandbox.admin.setConfig({ webhooks: { enabled: false } });
    const other = await authorisedSale();
    await sandbox.admin.shipSale(0, String(other.ID));
    expect(await sandbox.admin.webhookDeliveries()).toHaveLength(1);
    await sandbox.admin.setConfig({ webhooks: { enabled: true } });
  });

  it('delivers at once only when immediateFirstAttempt is set (a demo option)', async () => {
    await sandbox.admin.setConfig({ webhooks: { immediateFirstAttempt: true } });
    try {
      await api('POST', 'webhooks', {
        Type: 'Sale/ShipmentAuthorised',
        ExternalURL: receiverUrl,
        ExternalAuthorizationType: 'noauth',
      });
      const sale = await authorisedSale();
      await sandbox.admin.shipSale(0, String(sale.ID));
      await eventually(async () => (received.length === 1 ? true : undefined), 'immediate delivery');
    } finally {
      await sandbox.admin.setConfig({ webhooks: { immediateFirstAttempt: false } });
    }
  });
});
