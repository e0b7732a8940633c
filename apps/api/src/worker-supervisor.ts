import { type EventEmitter } from 'node:events';

/** What the supervisor needs of a worker: `cluster.Worker` has it. */
export interface SupervisedWorker extends EventEmitter {
  process: { pid?: number };
  kill(signal?: string): void;
}

export interface WorkerSupervisorOptions {
  /** How many workers run at once (WEB_CONCURRENCY). */
  count: number;
  /** Starts the worker of a slot (0 … count-1); slot 0 is the one that runs the scheduled jobs. */
  fork(slot: number): SupervisedWorker;
  log(level: 'info' | 'warn', message: string, fields: Record<string, unknown>): void;
  /** Delay before a dead worker is replaced (default 1 s). */
  restartDelayMs?: number;
  /** A worker that dies within this long of its start counts as crashing (default 10 s)… */
  crashWindowMs?: number;
  /** …and each crash in a row doubles the delay, up to this (default 30 s). */
  maxRestartDelayMs?: number;
}

/**
 * Keeps `count` workers running: a worker that exits while the supervisor is not stopping is
 * replaced in its slot after a delay that grows while it keeps crashing at start (a bad
 * configuration or an unreachable database must not fork in a tight loop). `stop` asks every
 * worker to close (SIGTERM: each one finishes its requests and closes its pool) and kills those
 * still running after the timeout.
 */
export class WorkerSupervisor {
  private readonly workers = new Map<number, SupervisedWorker>();
  private readonly crashes = new Map<number, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopping = false;

  constructor(private readonly options: WorkerSupervisorOptions) {}

  start(): void {
    for (let slot = 0; slot < this.options.count; slot++) this.spawn(slot);
  }

  /** Workers running now, by slot. */
  get running(): number {
    return this.workers.size;
  }

  async stop(timeoutMs = 15_000): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const exits = [...this.workers.values()].map((worker) => new Promise<void>((resolve) => worker.once('exit', () => resolve())));
    for (const worker of this.workers.values()) worker.kill('SIGTERM');
    const killer = setTimeout(() => {
      for (const worker of this.workers.values()) worker.kill('SIGKILL');
    }, timeoutMs);
    await Promise.all(exits);
    clearTimeout(killer);
  }

  private spawn(slot: number): void {
    const startedAt = Date.now();
    const worker = this.options.fork(slot);
    this.workers.set(slot, worker);
    worker.once('exit', (code: number | null, signal: string | null) => {
      this.workers.delete(slot);
      if (this.stopping) return;
      const crashed = Date.now() - startedAt < (this.options.crashWindowMs ?? 10_000);
      const crashes = crashed ? (this.crashes.get(slot) ?? 0) + 1 : 0;
      this.crashes.set(slot, crashes);
      const base = this.options.restartDelayMs ?? 1_000;
      const delay = Math.min(base * 2 ** Math.max(0, crashes - 1), this.options.maxRestartDelayMs ?? 30_000);
      this.options.log('warn', 'A worker exited; starting a new one', { slot, pid: worker.process.pid, code, signal, restartInMs: delay });
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (!this.stopping) this.spawn(slot);
      }, delay);
      this.timers.add(timer);
    });
  }
}
