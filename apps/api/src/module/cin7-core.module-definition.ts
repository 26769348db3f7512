import {
  ConfigurableModuleBuilder,
  type DynamicModule,
  Module,
  type Provider,
  type Type,
} from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import type { Cin7CoreModuleExtras, Cin7CoreModuleOptions } from './cin7-core.options.js';

export const DEFAULT_ROUTE_PREFIX = 'integrations/cin7-core';
/** Injection token of the route prefix the host mounted the module under. */
export const CIN7_CORE_ROUTE_PREFIX = Symbol('CIN7_CORE_ROUTE_PREFIX');

/** Holds the module's options for its whole tree (the foundation and every feature module). */
@Module({})
class Cin7CoreOptionsModule {}

const tokenOf = (provider: Provider) => (typeof provider === 'function' ? provider : provider.provide);

export const {
  ConfigurableModuleClass: Cin7CoreConfigurableModule,
  MODULE_OPTIONS_TOKEN: CIN7_CORE_OPTIONS,
  OPTIONS_TYPE: CIN7_CORE_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: CIN7_CORE_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<Cin7CoreModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras<Cin7CoreModuleExtras>({ routePrefix: DEFAULT_ROUTE_PREFIX }, (definition, extras) => {
    // The options (and whatever the host imports to build them) live in one global module, under the module's own
    // tokens, so the feature modules below the root can inject them.
    const providers: Provider[] = [
      ...(definition.providers ?? []),
      { provide: CIN7_CORE_ROUTE_PREFIX, useValue: extras.routePrefix },
    ];
    const options: DynamicModule = {
      module: Cin7CoreOptionsModule,
      global: true,
      imports: definition.imports ?? [],
      providers,
      exports: providers.map(tokenOf),
    };
    // Every controller of the module's tree lives under the prefix; the host chooses it at mount time.
    const children: Type[] = Reflect.getMetadata('imports', definition.module) ?? [];
    return {
      ...definition,
      imports: [
        options,
        RouterModule.register([{ path: extras.routePrefix, module: definition.module, children }]),
      ],
      providers: [],
    };
  })
  .build();
