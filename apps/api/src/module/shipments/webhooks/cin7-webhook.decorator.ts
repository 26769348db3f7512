import { applyDecorators, SetMetadata, UseFilters, UseGuards } from '@nestjs/common';
import { Cin7CoreExceptionFilter } from '../../common/exception.filter.js';
import { InputEdgeGuard } from '../../common/input-edge.js';
import { ApiSecurity, ApiTags, ApiUnauthorizedResponse } from '../../openapi/openapi.decorators.js';

/** Metadata key set by @Cin7Webhook() on a controller class; architecture tests look for it. */
export const CIN7_WEBHOOK_CONTROLLER = 'cin7-core:cin7-webhook-controller';

/**
 * Marks a controller Cin7 itself calls: the one exception to @SupplierScoped(). It has no tenant guard because no
 * supplier signs in; each route must authenticate the per-connection webhook secret itself (constant time) and do
 * nothing before it has. Errors still go through the one exception filter.
 */
export const Cin7Webhook = () =>
  applyDecorators(
    SetMetadata(CIN7_WEBHOOK_CONTROLLER, true),
    UseFilters(Cin7CoreExceptionFilter),
    UseGuards(InputEdgeGuard),
    ApiTags('Cin7 Core: webhooks (called by Cin7)'),
    ApiSecurity('webhookSecret'),
    ApiUnauthorizedResponse({ description: 'Unknown connection, or missing or wrong secret: nothing done' }),
  );

/** True for a controller class marked with @Cin7Webhook(). */
export function isCin7WebhookController(target: object): boolean {
  return Reflect.getMetadata(CIN7_WEBHOOK_CONTROLLER, target) === true;
}
