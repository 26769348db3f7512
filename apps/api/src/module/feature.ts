import type { Provider, Type } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';

export type FeatureName = 'catalog' | 'prices' | 'orders' | 'shipments' | 'stock';

/**
 * What a feature folder contributes to the module. Each becomes a Nest module of its own (features.ts) that sees the
 * foundation (connections, settings, jobs, the options), the features it `uses`, and nothing else; other features
 * see only what it `exports`.
 */
export interface FeatureParts {
  name: FeatureName;
  /** Features whose exports this one injects (never in a cycle: a listener registers on an event instead). */
  uses: FeatureName[];
  controllers: Type[];
  providers: Provider[];
  /** Providers other features may inject; its entities' repositories are shared with features that use it. */
  exports: Provider[];
  entities: Type[];
  migrations: Type<MigrationInterface>[];
}
