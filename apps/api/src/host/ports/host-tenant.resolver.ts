import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { TenantRequest, TenantResolver } from '../../module/ports/index.js';
import { HostSupplierEntity } from '../entities/host.entities.js';

/** How long a token's supplier is remembered: Upstock's real auth (signed tokens) costs no query per request. */
const TOKEN_CACHE_MS = 10_000;

/** The reference host's auth: a bearer token per supplier. Upstock's real auth replaces this. */
@Injectable()
export class HostTenantResolver implements TenantResolver {
  private readonly cache = new Map<string, { supplierId: string | null; until: number }>();

  constructor(
    @InjectRepository(HostSupplierEntity) private readonly suppliers: Repository<HostSupplierEntity>,
  ) {}

  async resolveSupplierId(request: TenantRequest): Promise<string | null> {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    const token = match?.[1];
    if (!token) return null;
    const cached = this.cache.get(token);
    if (cached && cached.until > Date.now()) return cached.supplierId;
    const supplier = await this.suppliers.findOneBy({ token });
    // Unknown tokens are not remembered: a flood of made-up tokens must not grow the cache.
    if (supplier) this.cache.set(token, { supplierId: supplier.id, until: Date.now() + TOKEN_CACHE_MS });
    return supplier?.id ?? null;
  }
}
