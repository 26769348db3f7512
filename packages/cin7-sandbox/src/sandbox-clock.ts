/**
 * Simulated time. `timeScale` simulated seconds pass per real second (0 freezes the clock), and `advance`
 * jumps ahead instantly, so tests can cross a rate-limit window or a webhook retry schedule without waiting.
 */
export class SandboxClock {
  private baseSim: number;
  private baseReal: number;
  private scale: number;
  private readonly listeners = new Set<() => void>();

  constructor(timeScale = 1, start = Date.now()) {
    this.baseSim = start;
    this.baseReal = Date.now();
    this.scale = timeScale;
  }

  /** Simulated epoch milliseconds, whole milliseconds (Cin7 timestamps have at most 3 useful digits). */
  now(): number {
    return Math.floor(this.baseSim + (Date.now() - this.baseReal) * this.scale);
  }

  get timeScale(): number {
    return this.scale;
  }

  setTimeScale(scale: number): void {
    this.rebase();
    this.scale = scale;
    this.emit();
  }

  advance(ms: number): void {
    this.rebase();
    this.baseSim += ms;
    this.emit();
  }

  /** Real milliseconds until the simulated time `simAt` (Infinity when the clock is frozen). */
  realDelayUntil(simAt: number): number {
    const simDelay = simAt - this.now();
    if (simDelay <= 0) return 0;
    return this.scale > 0 ? simDelay / this.scale : Number.POSITIVE_INFINITY;
  }

  /** Called whenever the mapping from real to simulated time changes (so schedulers can re-arm). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private rebase(): void {
    this.baseSim = this.now();
    this.baseReal = Date.now();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
