import type { Type } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import { FEATURES } from '../../features.js';
import { ScheduledSyncs1765140000000 } from '../../work/1765140000000-scheduled-syncs.migration.js';
import { Foundation1764240000000 } from './1764240000000-foundation.migration.js';
import { RetiredCredentials1764240500000 } from './1764240500000-retired-credentials.migration.js';
import { RunLease1765130000000 } from './1765130000000-run-lease.migration.js';
import { CallBudgetKey1765130001000 } from './1765130001000-call-budget-key.migration.js';

/** The module's migrations, in order. The host runs them with its own. Listed explicitly (no globs). */
export const CIN7_CORE_MIGRATIONS: Type<MigrationInterface>[] = [
  Foundation1764240000000,
  ...FEATURES.flatMap((f) => f.migrations),
  RetiredCredentials1764240500000,
  RunLease1765130000000,
  CallBudgetKey1765130001000,
  ScheduledSyncs1765140000000,
];
