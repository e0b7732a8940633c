// The corpus of real published 绩效自评表 (test/fixtures/self-evaluation/, sources named in each file), each
// transcribed as printed with the findings a careful reviewer computes by hand: every expected finding must be
// found with its expected value, nothing else at error or warning level, and no error on a clean table.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { type ConsistencyFinding } from '@app/contracts';
import { loginAs, startTestApp, type TestApp } from '../support/test-app.js';

interface CorpusTable {
  source: { url: string | null; title: string };
  clean: boolean;
  table: object;
  expected: {
    execution?: { rate: string; score: string };
    total?: string;
    findings: Array<Pick<ConsistencyFinding, 'rule' | 'severity' | 'path' | 'expected' | 'found'>>;
  };
}

const dir = join(process.cwd(), 'test/fixtures/self-evaluation');
const corpus = readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
  .map((file) => [file.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, file), 'utf8')) as CorpusTable] as const);
const key = (f: Pick<ConsistencyFinding, 'rule' | 'severity' | 'path' | 'expected' | 'found'>) => [f.severity, f.rule, f.path, f.expected, f.found].join(' | ');

describe('the corpus of published 自评表 (e2e)', () => {
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    app = await startTestApp();
    token = await loginAs(app, 'dongqu-staff');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('should hold at least 12 tables, at least 4 of them clean, each naming its source', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(12);
    expect(corpus.filter(([, c]) => c.clean).length).toBeGreaterThanOrEqual(4);
    for (const [, c] of corpus) expect(c.source.title.length).toBeGreaterThan(5);
  });

  it.each(corpus)('should find exactly the hand-computed findings of %s', async (_, c) => {
    const { body } = await request(app.http).post('/api/v1/self-evaluations/check').set('Authorization', `Bearer ${token}`).send(c.table).expect(200);
    const found = (body.findings as ConsistencyFinding[]).filter((f) => f.severity !== 'info' || c.expected.findings.some((e) => e.severity === 'info'));
    expect(found.map(key).sort()).toEqual(c.expected.findings.map(key).sort());
    if (c.clean) expect(body.findings.filter((f: ConsistencyFinding) => f.severity === 'error')).toEqual([]);
    if (c.expected.execution) expect([body.execution.total.rate, body.execution.total.score]).toEqual([c.expected.execution.rate, c.expected.execution.score]);
    if (c.expected.total) expect(body.total).toBe(c.expected.total);
    // Every finding speaks to a person: a place by its printed names, never a path, in the message.
    for (const f of body.findings as ConsistencyFinding[]) {
      expect(f.place).toBeTruthy();
      expect(f.message).not.toMatch(/indicators\[|budget\.|printed[A-Z]/);
    }
  });
});
