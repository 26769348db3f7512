/** The shared time origin of a time-scaled run (ms since epoch), so every replica's scaled clock agrees. */
export function timeOriginFromEnv(): number {
  const origin = Number(process.env.TIME_ORIGIN);
  if (!Number.isFinite(origin) || origin <= 0) throw new Error('TIME_ORIGIN (ms since epoch) is required');
  return origin;
}
