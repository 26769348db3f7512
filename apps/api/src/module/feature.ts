import type { Provider, Type } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';

/** What a feature folder contributes to the module; wired in one place (features.ts). */
export interface FeatureParts {
  controllers: Type[];
  providers: Provider[];
  entities: Type[];
  migrations: Type<MigrationInterface>[];
}
