import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { CIN7_CORE_OPTIONS } from '../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../cin7-core.options.js';
import type { SupplierScopedRequest } from './tenant.guard.js';

/**
 * Host-to-host routes: the host's HostCallsPort says which supplier its service acts for. A supplier's own token is
 * not enough here (a supplier user must not push orders the host never approved).
 */
@Injectable()
export class HostCallGuard implements CanActivate {
  constructor(@Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SupplierScopedRequest>();
    const port = this.options.ports.hostCalls;
    const supplierId = port ? await port.resolveHostCall(request) : null;
    if (!supplierId) {
      throw new UnauthorizedException(
        port
          ? "Only the host's own service may report approvals"
          : 'This host has not configured host-to-host calls (ports.hostCalls)',
      );
    }
    request.supplierId = supplierId;
    return true;
  }
}
