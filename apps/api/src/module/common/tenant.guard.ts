import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { CIN7_CORE_OPTIONS } from '../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../cin7-core.options.js';

export interface SupplierScopedRequest {
  headers: Record<string, string | string[] | undefined>;
  supplierId?: string;
}

/** Asks the host which supplier the request belongs to; no supplier, no route. */
@Injectable()
export class TenantGuard implements CanActivate {
  constructor(@Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SupplierScopedRequest>();
    const supplierId = await this.options.ports.tenant.resolveSupplierId(request);
    if (!supplierId)
      throw new UnauthorizedException('Sign in as a supplier to use the Cin7 Core integration');
    request.supplierId = supplierId;
    return true;
  }
}
