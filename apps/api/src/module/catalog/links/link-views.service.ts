import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { LinkedCustomersResponse, LinkListQuery, ProductLinksResponse } from '@upstock/cin7-contracts';
import { Repository, type SelectQueryBuilder } from 'typeorm';
import { CIN7_CORE_OPTIONS } from '../../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../../cin7-core.options.js';
import { CustomerLinkEntity } from './customer-link.entity.js';
import { toCustomerLink } from './customer-link.view.js';
import { ProductLinkEntity } from './product-link.entity.js';

/**
 * The supplier's lists of links (panel › Customers › Linked, Products). One page costs two queries on our own
 * table (the page and its count, served by the (supplier_id, ...) indexes) plus host lookups for that page only,
 * so the view stays quick with thousands of links.
 */
@Injectable()
export class LinkViews {
  constructor(
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
    @InjectRepository(CustomerLinkEntity) private readonly customers: Repository<CustomerLinkEntity>,
    @InjectRepository(ProductLinkEntity) private readonly products: Repository<ProductLinkEntity>,
  ) {}

  /** Linked customers by Cin7 name; `search` matches the Cin7 name anywhere (imported names are Upstock's too). */
  async linkedCustomers(supplierId: string, query: LinkListQuery): Promise<LinkedCustomersResponse> {
    const qb = this.customers
      .createQueryBuilder('l')
      .where('l.supplier_id = :supplierId', { supplierId })
      .orderBy('l.cin7_name', 'ASC')
      .addOrderBy('l.id', 'ASC');
    searchBy(qb, ['l.cin7_name'], query.search);
    const [rows, total] = await qb.take(query.limit).skip(query.offset).getManyAndCount();
    const names = await Promise.all(
      rows.map((r) =>
        this.options.ports.customers
          .find(supplierId, r.upstockCustomerId)
          .then((c) => c?.name ?? null)
          .catch(() => null),
      ),
    );
    return {
      items: rows.map((r, i) => ({ ...toCustomerLink(r), upstockName: names[i] ?? null })),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** Product links by SKU, with whether the Upstock product still carries the Cin7 SKU (one host call a page). */
  async productLinks(supplierId: string, query: LinkListQuery): Promise<ProductLinksResponse> {
    const qb = this.products
      .createQueryBuilder('l')
      .where('l.supplier_id = :supplierId', { supplierId })
      .orderBy('l.sku', 'ASC')
      .addOrderBy('l.id', 'ASC');
    searchBy(qb, ['l.sku', 'l.name'], query.search);
    const [rows, total] = await qb.take(query.limit).skip(query.offset).getManyAndCount();
    const hosts = await this.options.ports.products.findBySkus(
      supplierId,
      rows.map((r) => r.sku),
    );
    const carrying = new Set(hosts.map((h) => `${h.id}\u0000${h.sku}`));
    return {
      items: rows.map((r) => ({
        upstockProductId: r.upstockProductId,
        cin7ProductId: r.cin7ProductId,
        cin7Sku: r.sku,
        name: r.name,
        state: carrying.has(`${r.upstockProductId}\u0000${r.sku}`) ? 'linked' : 'sku-differs',
      })),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }
}

function searchBy<T extends object>(
  qb: SelectQueryBuilder<T>,
  columns: string[],
  search: string | undefined,
): void {
  if (!search) return;
  const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  qb.andWhere(`(${columns.map((c) => `${c} ILIKE :pattern`).join(' OR ')})`, { pattern });
}
