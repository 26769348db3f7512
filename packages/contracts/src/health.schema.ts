import { z } from 'zod';

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['up', 'down']),
  cin7: z.enum(['up', 'down']),
});
export type Health = z.infer<typeof healthSchema>;
