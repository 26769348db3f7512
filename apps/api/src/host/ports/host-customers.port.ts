import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, ILike, Repository } from 'typeorm';
import type { CustomersPort, CustomerUpsert, HostCustomer } from '../../module/ports/index.js';
import { HostCustomerEntity } from '../entities/host.entities.js';

/**
 * What a HostCustomer carries: not the contacts and addresses (jsonb) that a scan of thousands, or a page of linked
 * customers looked up one by one, would otherwise read and parse for nothing.
 */
const HOST_CUSTOMER_FIELDS = { id: true, name: true, email: true, currency: true } as const;

@Injectable()
export class HostCustomersPort implements CustomersPort {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(HostCustomerEntity) private readonly customers: Repository<HostCustomerEntity>,
  ) {}

  async list(supplierId: string, query: { search?: string; limit: number; offset: number }) {
    const [rows, total] = await this.customers.findAndCount({
      select: HOST_CUSTOMER_FIELDS,
      where: { supplierId, ...(query.search ? { name: ILike(`%${escapeLike(query.search)}%`) } : {}) },
      order: { name: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items: rows.map(toHostCustomer), total };
  }

  async find(supplierId: string, customerId: string): Promise<HostCustomer | null> {
    if (!isUuid(customerId)) return null;
    const row = await this.customers.findOne({
      select: HOST_CUSTOMER_FIELDS,
      where: { supplierId, id: customerId },
    });
    return row ? toHostCustomer(row) : null;
  }

  upsertMany(supplierId: string, customers: CustomerUpsert[]): Promise<string[]> {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(HostCustomerEntity);
      const ids: string[] = [];
      for (const { id, ...data } of customers) {
        if (id) {
          const result = await repo.update({ id, supplierId }, data);
          if (!result.affected) throw new Error(`Customer ${id} does not belong to supplier ${supplierId}`);
          ids.push(id);
        } else {
          ids.push((await repo.save(repo.create({ ...data, supplierId }))).id);
        }
      }
      return ids;
    });
  }

  async setOrderingBlocked(supplierId: string, customerId: string, reason: string | null): Promise<void> {
    await this.customers.update({ supplierId, id: customerId }, { orderingBlockedReason: reason });
  }
}

function toHostCustomer(row: HostCustomerEntity): HostCustomer {
  return { id: row.id, name: row.name, email: row.email, currency: row.currency };
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
