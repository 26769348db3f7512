import { Module } from '@nestjs/common';
import { Cin7CoreConfigurableModule } from './cin7-core.module-definition.js';
import { FEATURE_MODULES } from './features.js';
import { Cin7FoundationModule } from './foundation.module.js';
import { Cin7OrderApprovals, OrderApprovals } from './orders/order-approvals.js';

/**
 * The Cin7 Core integration, mounted by a host with `Cin7CoreModule.forRoot(...)` or `forRootAsync(...)`.
 * The host provides its ports, `ScheduleModule.forRoot()`, a TypeORM DataSource holding CIN7_CORE_ENTITIES and
 * running CIN7_CORE_MIGRATIONS, and its auth (through the tenant port). Inside: the foundation module and one module
 * per feature (features.ts), each with explicit exports.
 */
@Module({
  imports: [Cin7FoundationModule, ...Object.values(FEATURE_MODULES)],
  // What a host may inject: the approval entry point. Everything else stays inside.
  providers: [{ provide: Cin7OrderApprovals, useExisting: OrderApprovals }],
  exports: [Cin7OrderApprovals],
})
export class Cin7CoreModule extends Cin7CoreConfigurableModule {}
