import { EventEmitter } from 'node:events';
import { type SupervisedWorker, WorkerSupervisor } from './worker-supervisor.js';

class FakeWorker extends EventEmitter implements SupervisedWorker {
  static nextPid = 100;
  process = { pid: FakeWorker.nextPid++ };
  signals: string[] = [];
  constructor(readonly slot: number) {
    super();
  }
  kill(signal = 'SIGTERM'): void {
    this.signals.push(signal);
    // A well-behaved worker closes on SIGTERM.
    if (signal === 'SIGTERM' || signal === 'SIGKILL') setImmediate(() => this.emit('exit', null, signal));
  }
}

describe('WorkerSupervisor', () => {
  const setup = (options: Partial<ConstructorParameters<typeof WorkerSupervisor>[0]> = {}) => {
    const forked: FakeWorker[] = [];
    const logs: Array<{ message: string; fields: Record<string, unknown> }> = [];
    const supervisor = new WorkerSupervisor({
      count: 2,
      fork: (slot) => {
        const worker = new FakeWorker(slot);
        forked.push(worker);
        return worker;
      },
      log: (_level, message, fields) => logs.push({ message, fields }),
      restartDelayMs: 5,
      ...options,
    });
    return { supervisor, forked, logs };
  };
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('should start one worker per slot and replace a dead one in its slot', async () => {
    const { supervisor, forked, logs } = setup();
    supervisor.start();
    expect(forked.map((w) => w.slot)).toEqual([0, 1]);
    forked[0].emit('exit', 1, null);
    expect(supervisor.running).toBe(1);
    await wait(30);
    expect(forked.map((w) => w.slot)).toEqual([0, 1, 0]);
    expect(supervisor.running).toBe(2);
    expect(logs[0]).toEqual({ message: 'A worker exited; starting a new one', fields: expect.objectContaining({ slot: 0, code: 1 }) });
    await supervisor.stop();
  });

  it('should back off while a worker keeps crashing at start', async () => {
    const { supervisor, forked, logs } = setup({ count: 1, restartDelayMs: 10, crashWindowMs: 60_000, maxRestartDelayMs: 35 });
    supervisor.start();
    for (let crash = 0; crash < 4; crash++) {
      forked.at(-1)!.emit('exit', 78, null);
      await wait(60);
    }
    expect(logs.map((l) => l.fields.restartInMs)).toEqual([10, 20, 35, 35]);
    await supervisor.stop();
  });

  it('should stop every worker with SIGTERM and start no new one', async () => {
    const { supervisor, forked } = setup();
    supervisor.start();
    await supervisor.stop();
    expect(forked.map((w) => w.signals)).toEqual([['SIGTERM'], ['SIGTERM']]);
    await wait(20);
    expect(forked).toHaveLength(2);
    expect(supervisor.running).toBe(0);
  });

  it('should kill a worker that does not close in time', async () => {
    const { supervisor, forked } = setup({ count: 1 });
    supervisor.start();
    forked[0].kill = function (signal = 'SIGTERM') {
      this.signals.push(signal);
      if (signal === 'SIGKILL') setImmediate(() => this.emit('exit', null, 'SIGKILL'));
    };
    await supervisor.stop(20);
    expect(forked[0].signals).toEqual(['SIGTERM', 'SIGKILL']);
  });
});
