import type { ValueTransformer } from 'typeorm';

/** Postgres numeric comes back as a string; money and quantities are numbers in code. */
export const numeric: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
