import { Module, type Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { catalogFeature } from './catalog/catalog.feature.js';
import type { FeatureName, FeatureParts } from './feature.js';
import { Cin7FoundationModule } from './foundation.module.js';
import { ordersFeature } from './orders/orders.feature.js';
import { pricesFeature } from './prices/prices.feature.js';
import { shipmentsFeature } from './shipments/shipments.feature.js';
import { stockFeature } from './stock/stock.feature.js';

/** In dependency order: a feature comes after the features it uses. */
export const FEATURES: FeatureParts[] = [
  catalogFeature,
  pricesFeature,
  ordersFeature,
  shipmentsFeature,
  stockFeature,
];

/** One Nest module per feature, with explicit imports and exports (named `CatalogModule`, `PricesModule`...). */
export const FEATURE_MODULES: Record<FeatureName, Type> = {} as Record<FeatureName, Type>;
for (const feature of FEATURES) {
  const name = `${feature.name[0]?.toUpperCase()}${feature.name.slice(1)}Module`;
  const moduleClass = { [name]: class {} }[name] as Type;
  const forFeature = TypeOrmModule.forFeature(feature.entities);
  Module({
    imports: [
      forFeature,
      Cin7FoundationModule,
      ...feature.uses.map((used) => {
        const module = FEATURE_MODULES[used];
        if (!module) throw new Error(`Feature ${feature.name} uses ${used}, which must come before it`);
        return module;
      }),
    ],
    controllers: feature.controllers,
    providers: feature.providers,
    exports: [...feature.exports, forFeature],
  })(moduleClass);
  FEATURE_MODULES[feature.name] = moduleClass;
}
