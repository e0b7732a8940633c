import { type Pool } from 'pg';
import { PanelVersionBatcher } from './panel-version-batcher.js';

interface Sent {
  values: [number[], string[], string[]];
  answer(rows: Array<{ probe: number; digest: string }>): void;
  fail(error: Error): void;
}

/** A pool whose statements stay under way until the test answers them. */
function fakePool(): { pool: Pool; sent: Sent[] } {
  const sent: Sent[] = [];
  const pool = {
    query: (config: { values: Sent['values'] }) =>
      new Promise((resolve, reject) => {
        sent.push({ values: config.values, answer: (rows) => resolve({ rows }), fail: reject });
      }),
  } as unknown as Pool;
  return { pool, sent };
}

/** Digests as the SQL makes them, from the probes a statement carried: "code@month" joined. */
const answerAll = (statement: Sent) => {
  const [probes, codes, months] = statement.values;
  const byProbe = new Map<number, string[]>();
  probes.forEach((p, i) => byProbe.set(p, [...(byProbe.get(p) ?? []), `${codes[i]}@${months[i]}`]));
  statement.answer([...byProbe].map(([probe, parts]) => ({ probe, digest: parts.join(',') })));
};

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('PanelVersionBatcher', () => {
  it('should send a lone probe at once, in a statement of its own', async () => {
    const { pool, sent } = fakePool();
    const version = new PanelVersionBatcher().read(pool, ['510403', '510400'], '2024-03');
    expect(sent).toHaveLength(1);
    expect(sent[0].values).toEqual([[0, 0], ['510403', '510400'], ['2024-03', '2024-03']]);
    answerAll(sent[0]);
    await expect(version).resolves.toBe('510403@2024-03,510400@2024-03');
  });

  it('should never add a probe to a statement already sent: those asked meanwhile go together in the next one', async () => {
    const { pool, sent } = fakePool();
    const batcher = new PanelVersionBatcher();
    const first = batcher.read(pool, ['510403'], '2024-03');
    const second = batcher.read(pool, ['510402'], '2024-02');
    const third = batcher.read(pool, ['510411', '510400'], '2024-01');
    // Only the first is under way; the other two wait for it to end.
    expect(sent).toHaveLength(1);
    expect(sent[0].values[1]).toEqual(['510403']);
    answerAll(sent[0]);
    await expect(first).resolves.toBe('510403@2024-03');
    await settle();
    expect(sent).toHaveLength(2);
    expect(sent[1].values).toEqual([[0, 1, 1], ['510402', '510411', '510400'], ['2024-02', '2024-01', '2024-01']]);
    answerAll(sent[1]);
    await expect(second).resolves.toBe('510402@2024-02');
    await expect(third).resolves.toBe('510411@2024-01,510400@2024-01');
  });

  it('should keep each server apart (a replica’s statement never answers for the primary)', async () => {
    const primary = fakePool();
    const replica = fakePool();
    const batcher = new PanelVersionBatcher();
    const a = batcher.read(primary.pool, ['510403'], '2024-03');
    const b = batcher.read(replica.pool, ['510403'], '2024-03');
    expect(primary.sent).toHaveLength(1);
    expect(replica.sent).toHaveLength(1);
    primary.sent[0].answer([{ probe: 0, digest: 'primary' }]);
    replica.sent[0].answer([{ probe: 0, digest: 'replica' }]);
    await expect(a).resolves.toBe('primary');
    await expect(b).resolves.toBe('replica');
  });

  it('should fail the probes of a failed statement only, and go on with the next', async () => {
    const { pool, sent } = fakePool();
    const batcher = new PanelVersionBatcher();
    const failed = batcher.read(pool, ['510403'], '2024-03');
    const next = batcher.read(pool, ['510402'], '2024-03');
    sent[0].fail(new Error('connection lost'));
    await expect(failed).rejects.toThrow('connection lost');
    await settle();
    answerAll(sent[1]);
    await expect(next).resolves.toBe('510402@2024-03');
  });

  it('should fail the probes of a statement the driver refuses at once, and stay usable', async () => {
    const { pool, sent } = fakePool();
    const realQuery = pool.query.bind(pool);
    let refuse = true;
    (pool as unknown as { query: unknown }).query = (config: unknown) => {
      if (refuse) throw new Error('client is closed');
      return realQuery(config as never);
    };
    const batcher = new PanelVersionBatcher();
    await expect(batcher.read(pool, ['510403'], '2024-03')).rejects.toThrow('client is closed');
    refuse = false;
    const next = batcher.read(pool, ['510402'], '2024-03');
    expect(sent).toHaveLength(1);
    answerAll(sent[0]);
    await expect(next).resolves.toBe('510402@2024-03');
  });

  it('should split a crowd into statements of at most the given number of probes, and refuse an answer that lacks one', async () => {
    const { pool, sent } = fakePool();
    const batcher = new PanelVersionBatcher(2);
    const reads = ['510401', '510402', '510403', '510404', '510405'].map((code) => batcher.read(pool, [code], '2024-03'));
    answerAll(sent[0]); // the first alone
    await settle();
    expect(sent[1].values[1]).toEqual(['510402', '510403']);
    sent[1].answer([{ probe: 0, digest: 'only the first' }]);
    await expect(reads[1]).resolves.toBe('only the first');
    await expect(reads[2]).rejects.toThrow(/no panel version came back for 510403 2024-03/);
    await settle();
    expect(sent[2].values[1]).toEqual(['510404', '510405']);
    answerAll(sent[2]);
    await expect(Promise.all([reads[0], reads[3], reads[4]])).resolves.toEqual(['510401@2024-03', '510404@2024-03', '510405@2024-03']);
  });
});
