import { timingSafeEqual } from 'node:crypto';
import type {
  Cin7CoreHostPorts,
  CustomerUpsert,
  HostOrder,
  PriceEntry,
  ProductUpsert,
  ShipmentInfo,
  SupplierNotification,
  TenantRequest,
} from '@upstock/cin7-api';
import type { DataSource } from 'typeorm';

/** The shop's side of the module's contract, on its own tables. */
export function shopPorts(db: DataSource, serviceSecret: string): Cin7CoreHostPorts {
  const bearer = (request: TenantRequest) => {
    const header = request.headers.authorization;
    return typeof header === 'string' ? /^Bearer (\S+)$/.exec(header)?.[1] : undefined;
  };
  return {
    tenant: {
      async resolveSupplierId(request) {
        const token = bearer(request);
        if (!token) return null;
        const [user] = await db.query(`SELECT supplier_id FROM shop_user WHERE token = $1`, [token]);
        return user?.supplier_id ?? null;
      },
    },
    // The shop's back office reports approvals with its service secret, never with a supplier's token.
    hostCalls: {
      async resolveHostCall(request) {
        const secret = request.headers['x-shop-service'];
        const supplier = request.headers['x-shop-supplier'];
        if (typeof secret !== 'string' || typeof supplier !== 'string') return null;
        const a = Buffer.from(secret);
        const b = Buffer.from(serviceSecret);
        return a.length === b.length && timingSafeEqual(a, b) ? supplier : null;
      },
    },
    customers: {
      async list(supplierId, { search, limit, offset }) {
        const rows = await db.query(
          `SELECT id, name, email, currency, count(*) OVER ()::int AS total FROM shop_customer
            WHERE supplier_id = $1 AND ($2::text IS NULL OR name ILIKE $2 || '%') ORDER BY name LIMIT $3 OFFSET $4`,
          [supplierId, search ?? null, limit, offset],
        );
        return { items: rows.map(({ total: _, ...c }: { total: number }) => c), total: rows[0]?.total ?? 0 };
      },
      async find(supplierId, customerId) {
        const [row] = await db.query(
          `SELECT id, name, email, currency FROM shop_customer WHERE supplier_id = $1 AND id::text = $2`,
          [supplierId, customerId],
        );
        return row ?? null;
      },
      upsertMany: (supplierId, customers: CustomerUpsert[]) =>
        db.transaction(async (m) => {
          const ids: string[] = [];
          for (const c of customers) {
            if (c.id) {
              await m.query(
                `UPDATE shop_customer SET name = $3, email = $4, currency = $5 WHERE supplier_id = $1 AND id = $2`,
                [supplierId, c.id, c.name, c.email, c.currency],
              );
              ids.push(c.id);
            } else {
              const [row] = await m.query(
                `INSERT INTO shop_customer (supplier_id, name, email, currency) VALUES ($1, $2, $3, $4) RETURNING id`,
                [supplierId, c.name, c.email, c.currency],
              );
              ids.push(row.id);
            }
          }
          return ids;
        }),
      async setOrderingBlocked(supplierId, customerId, reason) {
        await db.query(`UPDATE shop_customer SET blocked_reason = $3 WHERE supplier_id = $1 AND id = $2`, [
          supplierId,
          customerId,
          reason,
        ]);
      },
    },
    products: {
      findBySkus: (supplierId, skus) =>
        db.query(`SELECT id, sku, name FROM shop_product WHERE supplier_id = $1 AND sku = ANY($2)`, [
          supplierId,
          skus,
        ]),
      upsertMany: (supplierId, products: ProductUpsert[]) =>
        db.transaction(async (m) => {
          const ids: string[] = [];
          for (const p of products) {
            const [row] = await m.query(
              `INSERT INTO shop_product (supplier_id, sku, name, base_price) VALUES ($1, $2, $3, $4)
               ON CONFLICT (supplier_id, sku) DO UPDATE SET name = $3, base_price = $4 RETURNING id`,
              [supplierId, p.sku, p.name, p.basePrice],
            );
            ids.push(row.id);
          }
          return ids;
        }),
      async setBasePrices(supplierId, prices) {
        for (const { productId, price } of prices) {
          await db.query(`UPDATE shop_product SET base_price = $3 WHERE supplier_id = $1 AND id = $2`, [
            supplierId,
            productId,
            price,
          ]);
        }
      },
    },
    priceLists: {
      replacePriceList: (supplierId, list) => replacePrices(db, supplierId, `list:${list.key}`, list.entries),
      async assignCustomers() {
        // This small shop prices every customer from the base price: lists are kept, not assigned.
      },
      async replaceCustomerPrices(supplierId, customerId, entries) {
        await replacePrices(db, supplierId, `customer:${customerId}`, entries);
      },
      async priceFor(supplierId, customerId, productId) {
        const [row] = await db.query(
          `SELECT coalesce(
             (SELECT price FROM shop_price WHERE supplier_id = $1 AND list_key = 'customer:' || $2 AND product_id = $3),
             (SELECT base_price FROM shop_product WHERE supplier_id = $1 AND id = $3))::float AS price`,
          [supplierId, customerId, productId],
        );
        return row?.price ?? null;
      },
    },
    orders: {
      async findOrder(supplierId, orderId): Promise<HostOrder | null> {
        const [order] = await db.query(
          `SELECT id, number, customer_id, currency, status, to_char(order_date, 'YYYY-MM-DD') AS order_date
             FROM shop_order WHERE supplier_id = $1 AND id::text = $2`,
          [supplierId, orderId],
        );
        if (!order) return null;
        const lines = await db.query(
          `SELECT l.product_id, p.sku, p.name, l.quantity::float AS quantity, l.unit_price::float AS unit_price
             FROM shop_order_line l JOIN shop_product p ON p.id = l.product_id WHERE l.order_id = $1 ORDER BY position`,
          [order.id],
        );
        const mapped = lines.map((l: Record<string, unknown>) => ({
          productId: l.product_id as string,
          sku: l.sku as string,
          name: l.name as string,
          quantity: l.quantity as number,
          unitPrice: l.unit_price as number,
        }));
        return {
          id: order.id,
          number: order.number,
          reference: null,
          customerId: order.customer_id,
          currency: order.currency,
          status: order.status,
          orderDate: order.order_date,
          deliveryDate: null,
          comments: [],
          tracking: null,
          lines: mapped,
          freight: null,
          total: mapped.reduce(
            (sum: number, l: { quantity: number; unitPrice: number }) => sum + l.quantity * l.unitPrice,
            0,
          ),
        };
      },
      async markShipped(supplierId, orderId, shipment: ShipmentInfo) {
        await db.query(
          `UPDATE shop_order SET status = 'shipped', shipped_tracking = $3 WHERE supplier_id = $1 AND id = $2`,
          [supplierId, orderId, shipment.trackingUrl ?? shipment.trackingNumber],
        );
      },
      async setTotalsMismatch(supplierId, orderId, explanation) {
        await db.query(`UPDATE shop_order SET totals_mismatch = $3 WHERE supplier_id = $1 AND id = $2`, [
          supplierId,
          orderId,
          explanation,
        ]);
      },
    },
    notifications: {
      async notify(supplierId, n: SupplierNotification) {
        await db.query(`INSERT INTO shop_notification VALUES ($1, $2, $3)`, [supplierId, n.kind, n.message]);
      },
    },
  };
}

async function replacePrices(db: DataSource, supplierId: string, key: string, entries: PriceEntry[]) {
  await db.transaction(async (m) => {
    await m.query(`DELETE FROM shop_price WHERE supplier_id = $1 AND list_key = $2`, [supplierId, key]);
    for (const e of entries) {
      await m.query(`INSERT INTO shop_price VALUES ($1, $2, $3, $4)`, [
        supplierId,
        key,
        e.productId,
        e.price,
      ]);
    }
  });
  return key;
}
