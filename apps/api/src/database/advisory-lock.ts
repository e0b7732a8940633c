import { type DataSource } from 'typeorm';

// A session-level advisory lock lives as long as the connection that took it, so the lock, the work
// and the unlock must share one connection of the pool: a query runner held for the whole run.
// (Transaction-scoped locks, pg_advisory_xact_lock, need none of this and are taken inline.)

type LockKey = number | bigint;

/** Runs `work` once this instance holds the lock, waiting for any other holder to finish first. */
export async function withAdvisoryLock<T>(dataSource: DataSource, key: LockKey, work: () => Promise<T>): Promise<T> {
  const outcome = await underLock(dataSource, key, 'wait', work);
  return (outcome as { value: T }).value;
}

/** Runs `work` only if no other instance holds the lock; `{ ran: false }` when one does (a job already running elsewhere). */
export function tryAdvisoryLock<T>(dataSource: DataSource, key: LockKey, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
  return underLock(dataSource, key, 'try', work);
}

async function underLock<T>(dataSource: DataSource, key: LockKey, mode: 'wait' | 'try', work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    if (mode === 'wait') await runner.query('SELECT pg_advisory_lock($1)', [key.toString()]);
    else {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [key.toString()])) as Array<{ locked: boolean }>;
      if (!locked) return { ran: false };
    }
    try {
      return { ran: true, value: await work() };
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [key.toString()]);
    }
  } finally {
    await runner.release();
  }
}
