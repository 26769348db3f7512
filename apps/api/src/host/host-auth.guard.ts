import { type CanActivate, type ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { HostTenantResolver } from './ports/host-tenant.resolver.js';

export interface HostRequest {
  headers: Record<string, string | string[] | undefined>;
  supplierId?: string;
}

@Injectable()
export class HostAuthGuard implements CanActivate {
  constructor(private readonly tenants: HostTenantResolver) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<HostRequest>();
    const supplierId = await this.tenants.resolveSupplierId(request);
    if (!supplierId) throw new UnauthorizedException('Missing or unknown bearer token');
    request.supplierId = supplierId;
    return true;
  }
}
