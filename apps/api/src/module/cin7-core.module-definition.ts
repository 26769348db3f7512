import { ConfigurableModuleBuilder } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import type { Cin7CoreModuleExtras, Cin7CoreModuleOptions } from './cin7-core.options.js';

export const DEFAULT_ROUTE_PREFIX = 'integrations/cin7-core';
/** Injection token of the route prefix the host mounted the module under. */
export const CIN7_CORE_ROUTE_PREFIX = Symbol('CIN7_CORE_ROUTE_PREFIX');

export const {
  ConfigurableModuleClass: Cin7CoreConfigurableModule,
  MODULE_OPTIONS_TOKEN: CIN7_CORE_OPTIONS,
  OPTIONS_TYPE: CIN7_CORE_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: CIN7_CORE_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<Cin7CoreModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras<Cin7CoreModuleExtras>({ routePrefix: DEFAULT_ROUTE_PREFIX }, (definition, extras) => ({
    ...definition,
    // Every controller of the module lives under the prefix; the host chooses it at mount time.
    imports: [
      ...(definition.imports ?? []),
      RouterModule.register([{ path: extras.routePrefix, module: definition.module }]),
    ],
    // Code that builds URLs of the module's own routes (the webhook URL Cin7 calls) reads the prefix from here.
    providers: [
      ...(definition.providers ?? []),
      { provide: CIN7_CORE_ROUTE_PREFIX, useValue: extras.routePrefix },
    ],
  }))
  .build();
