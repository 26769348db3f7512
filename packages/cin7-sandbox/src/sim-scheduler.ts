import type { SandboxClock } from './sandbox-clock.js';

interface Task {
  at: number;
  run: () => void;
}

/**
 * Runs callbacks at simulated instants. Re-arms its one real timer whenever the clock's speed changes or it is
 * advanced, so `advance(25 min)` fires every retry due in that span immediately.
 */
export class SimScheduler {
  private tasks: Task[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(private readonly clock: SandboxClock) {
    this.unsubscribe = clock.onChange(() => this.runDue());
  }

  schedule(at: number, run: () => void): void {
    this.tasks.push({ at, run });
    this.tasks.sort((a, b) => a.at - b.at);
    this.arm();
  }

  clear(): void {
    this.tasks = [];
    this.arm();
  }

  runDue(): void {
    if (this.closed) return;
    const now = this.clock.now();
    const due = this.tasks.filter((t) => t.at <= now);
    this.tasks = this.tasks.filter((t) => t.at > now);
    for (const task of due) task.run();
    this.arm();
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.tasks = [];
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.tasks[0];
    if (!next || this.closed) return;
    const delay = this.clock.realDelayUntil(next.at);
    if (!Number.isFinite(delay)) return;
    this.timer = setTimeout(() => this.runDue(), Math.min(Math.ceil(delay), 2 ** 31 - 1));
    this.timer.unref();
  }
}
