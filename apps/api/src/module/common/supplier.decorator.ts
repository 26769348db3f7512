import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiSecurity, ApiUnauthorizedResponse } from '../openapi/openapi.decorators.js';
import { Cin7CoreExceptionFilter } from './exception.filter.js';
import { InputEdgeGuard } from './input-edge.js';
import type { SupplierScopedRequest } from './tenant.guard.js';
import { TenantGuard } from './tenant.guard.js';

/** Marks a controller as supplier-scoped: every route needs the host's tenant and maps errors in one place. */
export const SupplierScoped = () =>
  applyDecorators(
    UseGuards(TenantGuard, InputEdgeGuard),
    UseFilters(Cin7CoreExceptionFilter),
    ApiSecurity('supplier'),
    ApiUnauthorizedResponse({ description: 'No supplier could be resolved for the request' }),
  );

/** The caller's supplier id, as resolved by TenantGuard. */
export const SupplierId = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const supplierId = context.switchToHttp().getRequest<SupplierScopedRequest>().supplierId;
  if (!supplierId) throw new Error('SupplierId used on a route without @SupplierScoped()');
  return supplierId;
});
