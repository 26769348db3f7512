import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Not, Repository } from 'typeorm';
import { CustomerLinkEntity } from './customer-link.entity.js';
import { ProductLinkEntity } from './product-link.entity.js';

/** Lookups in bulk are chunked so a 10,000-product price sync never builds one giant IN list. */
const LOOKUP_CHUNK = 1_000;

/**
 * Read access to the links for the other features (prices, order pushes, shipments). Every lookup is scoped to a
 * supplier; Cin7 IDs are compared lowercase. Bulk lookups answer a Map keyed by the id asked for (missing = no link).
 */
@Injectable()
export class CatalogLinks {
  constructor(
    @InjectRepository(CustomerLinkEntity) private readonly customers: Repository<CustomerLinkEntity>,
    @InjectRepository(ProductLinkEntity) private readonly products: Repository<ProductLinkEntity>,
  ) {}

  customerLink(supplierId: string, upstockCustomerId: string): Promise<CustomerLinkEntity | null> {
    return this.customers.findOneBy({ supplierId, upstockCustomerId });
  }

  /** The Upstock ids of every linked customer of a supplier: one column, one query (no entities built). */
  async linkedUpstockCustomerIds(supplierId: string): Promise<Set<string>> {
    const rows: { id: string }[] = await this.customers
      .createQueryBuilder('link')
      .select('link.upstockCustomerId', 'id')
      .where('link.supplierId = :supplierId', { supplierId })
      .getRawMany();
    return new Set(rows.map((r) => r.id));
  }

  customerLinkByCin7Id(supplierId: string, cin7CustomerId: string): Promise<CustomerLinkEntity | null> {
    return this.customers.findOneBy({ supplierId, cin7CustomerId: cin7CustomerId.toLowerCase() });
  }

  async customerLinksByUpstockIds(
    supplierId: string,
    ids: readonly string[],
  ): Promise<Map<string, CustomerLinkEntity>> {
    const rows = await inChunks(ids, (chunk) =>
      this.customers.findBy({ supplierId, upstockCustomerId: In(chunk) }),
    );
    return new Map(rows.map((r) => [r.upstockCustomerId, r]));
  }

  async customerLinksByCin7Ids(
    supplierId: string,
    ids: readonly string[],
  ): Promise<Map<string, CustomerLinkEntity>> {
    const lower = ids.map((id) => id.toLowerCase());
    const rows = await inChunks(lower, (chunk) =>
      this.customers.findBy({ supplierId, cin7CustomerId: In(chunk) }),
    );
    return new Map(rows.map((r) => [r.cin7CustomerId, r]));
  }

  /** Every customer link of a supplier (a price sync walks them all). */
  allCustomerLinks(supplierId: string): Promise<CustomerLinkEntity[]> {
    return this.customers.find({ where: { supplierId }, order: { createdAt: 'ASC' } });
  }

  async productLinksByUpstockIds(
    supplierId: string,
    ids: readonly string[],
  ): Promise<Map<string, ProductLinkEntity>> {
    const rows = await inChunks(ids, (chunk) =>
      this.products.findBy({ supplierId, upstockProductId: In(chunk) }),
    );
    return new Map(rows.map((r) => [r.upstockProductId, r]));
  }

  async productLinksByCin7Ids(
    supplierId: string,
    ids: readonly string[],
  ): Promise<Map<string, ProductLinkEntity>> {
    const lower = ids.map((id) => id.toLowerCase());
    const rows = await inChunks(lower, (chunk) =>
      this.products.findBy({ supplierId, cin7ProductId: In(chunk) }),
    );
    return new Map(rows.map((r) => [r.cin7ProductId, r]));
  }

  async counts(
    supplierId: string,
  ): Promise<{ customers: number; blockedCustomers: number; products: number }> {
    const [customers, blockedCustomers, products] = await Promise.all([
      this.customers.countBy({ supplierId }),
      this.customers.countBy({ supplierId, orderingBlockedReason: Not(IsNull()) }),
      this.products.countBy({ supplierId }),
    ]);
    return { customers, blockedCustomers, products };
  }

  /** Every product link of a supplier. */
  allProductLinks(supplierId: string): Promise<ProductLinkEntity[]> {
    return this.products.find({ where: { supplierId }, order: { createdAt: 'ASC' } });
  }
}

async function inChunks<T>(ids: readonly string[], load: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const rows: T[] = [];
  for (let i = 0; i < unique.length; i += LOOKUP_CHUNK)
    rows.push(...(await load(unique.slice(i, i + LOOKUP_CHUNK))));
  return rows;
}
