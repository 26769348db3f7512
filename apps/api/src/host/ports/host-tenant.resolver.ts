import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { TenantRequest, TenantResolver } from '../../module/ports/index.js';
import { HostSupplierEntity } from '../entities/host.entities.js';

/** The reference host's auth: a bearer token per supplier. Upstock's real auth replaces this. */
@Injectable()
export class HostTenantResolver implements TenantResolver {
  constructor(
    @InjectRepository(HostSupplierEntity) private readonly suppliers: Repository<HostSupplierEntity>,
  ) {}

  async resolveSupplierId(request: TenantRequest): Promise<string | null> {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) return null;
    const supplier = await this.suppliers.findOneBy({ token: match[1] });
    return supplier?.id ?? null;
  }
}
