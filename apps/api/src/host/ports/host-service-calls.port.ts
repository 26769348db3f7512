import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { HostCallsPort, TenantRequest } from '../../module/ports/index.js';
import { HostSupplierEntity } from '../entities/host.entities.js';
import { HOST_OPTIONS, type HostOptions } from '../host.options.js';

/**
 * The reference host's service-to-service auth: a shared secret in `X-Host-Secret` and the supplier the call acts
 * for in `X-Supplier-Id`. A supplier's bearer token never passes here. Without a configured secret nothing does.
 */
@Injectable()
export class HostServiceCalls implements HostCallsPort {
  private readonly secretHash: Buffer | null;

  constructor(
    @Inject(HOST_OPTIONS) options: HostOptions,
    @InjectRepository(HostSupplierEntity) private readonly suppliers: Repository<HostSupplierEntity>,
  ) {
    this.secretHash = options.serviceSecret ? sha256(options.serviceSecret) : null;
  }

  async resolveHostCall(request: TenantRequest): Promise<string | null> {
    const secret = request.headers['x-host-secret'];
    const supplierId = request.headers['x-supplier-id'];
    if (!this.secretHash || typeof secret !== 'string' || typeof supplierId !== 'string') return null;
    // Hashes have equal lengths, so the comparison takes the same time whatever was sent.
    if (!timingSafeEqual(sha256(secret), this.secretHash)) return null;
    if (supplierId.length > 200 || !(await this.suppliers.existsBy({ id: supplierId }))) return null;
    return supplierId;
  }
}

const sha256 = (value: string) => createHash('sha256').update(value).digest();
