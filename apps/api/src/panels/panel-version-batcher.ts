import { type Pool } from 'pg';

/**
 * The digest of a panel's version, over rows `k(code, month)` joined with PANEL_VERSION_OF_CODE:
 * per division the panel_version row at or before the month. The one definition, shared by the
 * batched probes and the panel read that returns its own version (PanelReadRepository.readWithVersion),
 * so that both give the same digest for the same data.
 */
export const PANEL_VERSION_DIGEST = `md5(string_agg(k.code || ':' || coalesce(v.version, 0), ',' ORDER BY k.code))`;
export const PANEL_VERSION_OF_CODE = `LEFT JOIN LATERAL (SELECT p.version FROM panel_version p WHERE p.division_code = k.code AND p.month <= k.month
                                   ORDER BY p.month DESC LIMIT 1) AS v ON true`;

interface Probe {
  codes: readonly string[];
  month: string;
  resolve(digest: string): void;
  reject(error: unknown): void;
}

interface Queue {
  waiting: Probe[];
  running: boolean;
}

/** Probes sent in one statement at most: a province panel alone asks for ~200 divisions. */
const MAX_PROBES_PER_STATEMENT = 128;

/**
 * The versions of many panels read in one statement per database server. Every repeated panel
 * request reads its version first (PanelReadRepository.readVersion); under load that is one short
 * query per request, whose fixed cost (a round trip, planning, the driver's work on both sides) is
 * most of the panel's cost once the panel itself comes from the cache.
 *
 * Probes asked while a statement is under way wait for it to end and then go out together in the
 * next one; a probe never joins a statement already sent. So each request still reads a version at
 * least as new as every commit that ended before it asked (its own write included): batching
 * changes the cost, not what a request can see. With one request at a time nothing waits.
 */
export class PanelVersionBatcher {
  private readonly queues = new Map<Pool, Queue>();

  constructor(private readonly maxProbes = MAX_PROBES_PER_STATEMENT) {}

  /** The digest of the versions of `codes` at `month`, read on `pool`. */
  read(pool: Pool, codes: readonly string[], month: string): Promise<string> {
    let queue = this.queues.get(pool);
    if (!queue) this.queues.set(pool, (queue = { waiting: [], running: false }));
    const waiting = queue;
    return new Promise<string>((resolve, reject) => {
      waiting.waiting.push({ codes, month, resolve, reject });
      if (!waiting.running) this.send(pool, waiting);
    });
  }

  private send(pool: Pool, queue: Queue): void {
    const batch = queue.waiting.splice(0, this.maxProbes);
    queue.running = true;
    const probe: number[] = [];
    const codes: string[] = [];
    const months: string[] = [];
    batch.forEach((p, i) => {
      for (const code of p.codes) {
        probe.push(i);
        codes.push(code);
        months.push(p.month);
      }
    });
    let sent: Promise<{ rows: Array<{ probe: number; digest: string }> }>;
    try {
      sent = this.query(pool, probe, codes, months);
    } catch (error) {
      // A driver that throws instead of rejecting must not leave the queue marked busy for ever.
      sent = Promise.reject(error);
    }
    sent
      .then(
        ({ rows }) => {
          const digests = new Map(rows.map((row) => [row.probe, row.digest]));
          batch.forEach((p, i) => {
            const digest = digests.get(i);
            if (digest === undefined) p.reject(new Error(`no panel version came back for ${p.codes.join(',')} ${p.month}`));
            else p.resolve(digest);
          });
        },
        (error: unknown) => batch.forEach((p) => p.reject(error)),
      )
      .finally(() => {
        queue.running = false;
        if (queue.waiting.length > 0) this.send(pool, queue);
      });
  }

  private query(pool: Pool, probe: number[], codes: string[], months: string[]) {
    return pool.query<{ probe: number; digest: string }>({
      name: 'panel-versions',
      // Per probe, per division, the panel_version row at or before its month (one index probe each), digested.
      text: `SELECT k.probe, ${PANEL_VERSION_DIGEST} AS digest
               FROM unnest($1::int[], $2::char(6)[], $3::char(7)[]) AS k(probe, code, month)
               ${PANEL_VERSION_OF_CODE}
              GROUP BY k.probe`,
      values: [probe, codes, months],
    });
  }
}
