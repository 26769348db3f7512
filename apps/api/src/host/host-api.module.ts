import { type DynamicModule, Module } from '@nestjs/common';
import type { HostOptions } from './host.options.js';
import { HostAuthGuard } from './host-auth.guard.js';
import { HostOrdersService } from './host-orders.service.js';
import { HostController, HostDemoController } from './routes/host.controller.js';

/**
 * The reference host's own routes (its orders, customers, demo sign-in). Mounted after the module, whose exported
 * Cin7OrderApprovals records approvals in the host's transaction, like Upstock does.
 */
@Module({})
export class HostApiModule {
  /** `imports`: the HostModule and the Cin7CoreModule instances the application mounted. */
  static register(options: HostOptions, imports: DynamicModule[]): DynamicModule {
    return {
      module: HostApiModule,
      imports,
      controllers: options.demo ? [HostDemoController, HostController] : [HostController],
      providers: [HostAuthGuard, HostOrdersService],
    };
  }
}
