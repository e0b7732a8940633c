import ExcelJS from 'exceljs';
import request from 'supertest';
import { loginAs, startTestApp, type TestApp } from '../support/test-app.js';

interface Evaluation {
  id: string;
  projectId: string;
  projectCode: string;
  status: string;
  computed: {
    total: string;
    grade: string;
    gradeLabel: string;
    execution: { score: string; lines: Array<{ key: string; source: string; ratePercent: string }>; total: { ratePercent: string; executed: string } };
    indicators: Array<{ indicatorId: string; name: string; level2: string; outcome: string; completionPercent: string; score: string; actual: string; actualSource: { kind: string; available: boolean; value: string; ids: string[] } }>;
    reasonsRequired: Array<{ kind: string; key: string; reasonGiven: boolean }>;
  };
}

// Collects the XLSX bytes (supertest's default parsers would read the body as text).
const binary = ((res: NodeJS.ReadableStream, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}) as unknown as Parameters<request.Test['parse']>[0];

describe('Performance (e2e)', () => {
  let app: TestApp;
  let staff: string;
  let leader: string;
  let dongqu: string;
  let evaluations: Evaluation[];
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const byCode = (code: string) => evaluations.find((e) => e.projectCode === code) as Evaluation;
  const get = async (id: string): Promise<Evaluation> => (await request(app.http).get(`/api/v1/performance/self-evaluations/${id}`).set(auth(staff)).expect(200)).body;

  beforeAll(async () => {
    app = await startTestApp();
    [staff, leader, dongqu] = await Promise.all(['xiqu-staff', 'xiqu-leader', 'dongqu-staff'].map((u) => loginAs(app, u)));
    evaluations = (await request(app.http).get('/api/v1/performance/self-evaluations?year=2021').set(auth(staff)).expect(200)).body;
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('seed self-evaluations scored by kpi-core', () => {
    it('should score the cloud project 4.55 for execution and 94.55 (优) under the Sichuan template', () => {
      const cloud = byCode('510403-2021-KJY');
      expect(cloud.computed.execution.total.ratePercent).toBe('45.46');
      expect(cloud.computed.execution.lines.map((l) => [l.source, l.ratePercent])).toEqual([['superior', '87.05'], ['local', '0.00']]);
      expect([cloud.computed.execution.score, cloud.computed.total, cloud.computed.gradeLabel]).toEqual(['4.55', '94.55', '优']);
      const cost = cloud.computed.indicators.find((i) => i.level2 === 'cost');
      expect(cost).toMatchObject({ outcome: 'met', completionPercent: '100.00', score: '15.00' });
    });

    it('should score 全民科学素质 40.00 (差) because its four 8% targets have no measured actual (IC-14)', () => {
      const literacy = byCode('510403-2021-QMKXSZ');
      expect([literacy.computed.total, literacy.computed.grade]).toEqual(['40.00', 'poor']);
      expect(literacy.computed.reasonsRequired.filter((r) => r.kind === 'indicator_missing_actual')).toHaveLength(4);
    });

    it('should fill the 科普经费 event count from the 5 approved linked events and score 100.00', () => {
      const popsci = byCode('510403-2021-KPJF');
      const events = popsci.computed.indicators.find((i) => i.level2 === 'quantity');
      expect(events?.actualSource).toMatchObject({ kind: 'events', available: true, value: '5' });
      expect(events?.actualSource.ids).toHaveLength(5);
      expect(events?.actual).toBe('5次');
      expect(popsci.computed.total).toBe('100.00');
    });

    it('should score the quantity row 80% (10.29) and total 97.43 when only 4 events are approved (IC-09)', async () => {
      const popsci = byCode('510403-2021-KPJF');
      const events = popsci.computed.indicators.find((i) => i.level2 === 'quantity');
      const id = events?.actualSource.ids[0];
      await app.db.query(`UPDATE outreach_event SET status = 'returned', return_reason = '签到表缺失' WHERE id = $1`, [id]);
      try {
        const after = await get(popsci.id);
        const row = after.computed.indicators.find((i) => i.level2 === 'quantity');
        expect([row?.outcome, row?.completionPercent, row?.score]).toEqual(['short', '80.00', '10.29']);
        expect(after.computed.total).toBe('97.43');
        expect(after.computed.reasonsRequired).toEqual([expect.objectContaining({ kind: 'indicator_short_of_target', key: row?.indicatorId, reasonGiven: false })]);
      } finally {
        await app.db.query(`UPDATE outreach_event SET status = 'approved', return_reason = NULL WHERE id = $1`, [id]);
      }
    });

    it('should grade the cloud project 89.09 (良) when switched to the Hubei template', async () => {
      const cloud = byCode('510403-2021-KJY');
      const hubei = await request(app.http).patch(`/api/v1/performance/self-evaluations/${cloud.id}`).set(auth(staff)).send({ template: 'hubei' }).expect(200);
      expect([hubei.body.computed.execution.score, hubei.body.computed.total, hubei.body.computed.gradeLabel]).toEqual(['9.09', '89.09', '良']);
      await request(app.http).patch(`/api/v1/performance/self-evaluations/${cloud.id}`).set(auth(staff)).send({ template: 'custom', customWeights: { executionWeight: '20', output: '50', benefit: '20', satisfaction: '20' } }).expect(422);
      await request(app.http).patch(`/api/v1/performance/self-evaluations/${cloud.id}`).set(auth(staff)).send({ template: 'sichuan' }).expect(200);
    });
  });

  describe('indicators and bindings', () => {
    it('should sum a bound metric over the project year from metric_monthly with the months behind it', async () => {
      const exists = (await app.db.query(`SELECT to_regclass('public.metric_monthly') IS NOT NULL AS present`)).rows[0].present;
      if (!exists) {
        await app.db.query(`CREATE TABLE metric_monthly (division_code char(6), month char(7), metric_code text, value numeric, PRIMARY KEY (division_code, metric_code, month))`);
      }
      await app.db.query(`DELETE FROM metric_monthly WHERE division_code = '510403' AND metric_code = 'popsci.households' AND (month LIKE '2021-%' OR month = '2022-01')`);
      await app.db.query(
        `INSERT INTO metric_monthly (division_code, month, metric_code, value) VALUES
           ('510403', '2021-03', 'popsci.households', 700), ('510403', '2021-11', 'popsci.households', 1023), ('510403', '2022-01', 'popsci.households', 99)`,
      );
      const cloud = byCode('510403-2021-KJY');
      const { body } = await request(app.http).get(`/api/v1/performance/projects/${cloud.projectId}/indicators`).set(auth(staff)).expect(200);
      const bound = body.find((i: { binding: { kind: string } }) => i.binding.kind === 'metric');
      expect(bound.actualValue).toBe('1723');
      expect(bound.actualSource).toMatchObject({ kind: 'metric', available: true, value: '1723', ids: ['2021-03', '2021-11'] });
    });

    it('should bind an indicator to the project’s own execution rate', async () => {
      const cloud = byCode('510403-2021-KJY');
      const { body } = await request(app.http)
        .post(`/api/v1/performance/projects/${cloud.projectId}/indicators`)
        .set(auth(staff))
        .send({ level2: 'timeliness', name: '预算执行率', direction: '>=', targetValue: '90', unit: '%', binding: { kind: 'execution' } })
        .expect(201);
      expect(body.actualSource.kind).toBe('execution');
      expect(Number(body.actualValue).toFixed(2)).toBe('45.46');
      expect(body.level1).toBe('output');
      await request(app.http).delete(`/api/v1/performance/indicators/${body.id}`).set(auth(staff)).expect(204);
    });

    it.each([
      ['an unknown level 2', { level2: 'fun', name: 'x', direction: '>=', targetValue: '1' }, 'level2'],
      ['a level 1 that does not own the level 2', { level1: 'benefit', level2: 'quantity', name: 'x', direction: '>=', targetValue: '1' }, 'level1'],
      ['no numeric target for ≥', { level2: 'quantity', name: 'x', direction: '>=' }, 'targetValue'],
      ['an unknown metric', { level2: 'quantity', name: 'x', direction: '>=', targetValue: '1', binding: { kind: 'metric', metricCode: 'nope' } }, 'binding.metricCode'],
      ['a ratio metric', { level2: 'quantity', name: 'x', direction: '>=', targetValue: '1', binding: { kind: 'metric', metricCode: 'deals.tech_service.average_amount' } }, 'binding.metricCode'],
      ['a qualitative share outside its band', { level2: 'quality', name: 'x', direction: 'qual', qualitativeTier: 'met', qualitativeShare: '0.5' }, 'qualitativeShare'],
    ])('should answer 422 when an indicator has %s', async (_label, body, field) => {
      const cloud = byCode('510403-2021-KJY');
      const res = await request(app.http).post(`/api/v1/performance/projects/${cloud.projectId}/indicators`).set(auth(staff)).send(body).expect(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('should forbid another district to read the indicators or the self-evaluation (403)', async () => {
      const cloud = byCode('510403-2021-KJY');
      await request(app.http).get(`/api/v1/performance/projects/${cloud.projectId}/indicators`).set(auth(dongqu)).expect(403);
      await request(app.http).get(`/api/v1/performance/self-evaluations/${cloud.id}`).set(auth(dongqu)).expect(403);
      await request(app.http).get(`/api/v1/performance/self-evaluations/${cloud.id}/export.xlsx`).set(auth(dongqu)).expect(403);
      const list = await request(app.http).get('/api/v1/performance/self-evaluations').set(auth(dongqu)).expect(200);
      expect(list.body).toEqual([]);
    });
  });

  describe('submit, freeze and export', () => {
    it('should refuse to submit while execution below 90% has no reason, listing the missing ones (422)', async () => {
      const cloud = byCode('510403-2021-KJY');
      const { body } = await request(app.http).post(`/api/v1/performance/self-evaluations/${cloud.id}/submit`).set(auth(staff)).expect(422);
      const superior = cloud.computed.execution.lines.find((l) => l.source === 'superior')?.key;
      // The 本级 line already carries the seed's own explanation; the 总额 row and the 上级 line do not.
      expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['executionReason', `lineReasons.${superior}`].sort());
    });

    it('should submit once the reasons are given, freeze by the leader, and never change after a later payment', async () => {
      const cloud = byCode('510403-2021-KJY');
      const superior = cloud.computed.execution.lines.find((l) => l.source === 'superior')?.key as string;
      const local = cloud.computed.execution.lines.find((l) => l.source === 'local')?.key as string;
      await request(app.http)
        .patch(`/api/v1/performance/self-evaluations/${cloud.id}`)
        .set(auth(staff))
        .send({
          executionReason: '区级专项资金未使用，省级专项资金结余2.33万元',
          lineReasons: { [superior]: '省级专项资金按实际发生支付，结余2.33万元', [local]: '优先使用省级专项资金，区级专项资金未使用' },
          preparer: '张三',
          phone: '0812-1234567',
          filledOn: '2022-01-20',
        })
        .expect(200);
      const submitted = await request(app.http).post(`/api/v1/performance/self-evaluations/${cloud.id}/submit`).set(auth(staff)).expect(200);
      expect(submitted.body.status).toBe('submitted');
      await request(app.http).patch(`/api/v1/performance/self-evaluations/${cloud.id}`).set(auth(staff)).send({ achievedGoal: '改' }).expect(409);
      await request(app.http).post(`/api/v1/performance/self-evaluations/${cloud.id}/freeze`).set(auth(staff)).expect(403);
      const frozen = await request(app.http).post(`/api/v1/performance/self-evaluations/${cloud.id}/freeze`).set(auth(leader)).expect(200);
      expect(frozen.body).toMatchObject({ status: 'frozen', frozen: true });
      expect(frozen.body.computed.total).toBe('94.55');

      const lines = await request(app.http).get(`/api/v1/budget/projects/${cloud.projectId}/funding-lines`).set(auth(staff)).expect(200);
      await request(app.http)
        .post(`/api/v1/budget/projects/${cloud.projectId}/payments`)
        .set(auth(staff))
        .send({ fundingLineId: lines.body[1].id, paidOn: '2021-12-30', amount: '164702', functionalCode: '2060799', economicCode: '30227' })
        .expect(201);
      const execution = await request(app.http).get(`/api/v1/budget/projects/${cloud.projectId}/execution`).set(auth(staff)).expect(200);
      expect(execution.body.total.ratePercent).toBe('93.24');
      const after = await get(cloud.id);
      expect(after.computed).toEqual(frozen.body.computed);
      expect(after.computed.execution.total.ratePercent).toBe('45.46');
      const rows = await request(app.http).get(`/api/v1/performance/projects/${cloud.projectId}/indicators`).set(auth(staff)).expect(200);
      await request(app.http).patch(`/api/v1/performance/indicators/${rows.body[0].id}`).set(auth(staff)).send({ weight: '20' }).expect(409);
    });

    it('should export the frozen table as XLSX in the official layout with merged cells and 万元 figures', async () => {
      const cloud = byCode('510403-2021-KJY');
      const res = await request(app.http).get(`/api/v1/performance/self-evaluations/${cloud.id}/export.xlsx`).set(auth(staff)).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as unknown as ExcelJS.Buffer);
      const sheet = workbook.worksheets[0];
      const merges: string[] = (sheet.model as unknown as { merges: string[] }).merges;
      expect(merges).toEqual(expect.arrayContaining(['A1:H1', 'B3:H3', 'A5:A9', 'A11:A12', 'A14:A17', 'A20:E20']));
      expect(sheet.getCell('A1').value).toBe('项目支出绩效自评表');
      expect(sheet.getCell('B3').value).toBe('攀枝花市西区天府科技云服务中心运维服务项目');
      expect(sheet.getCell('B4').value).toBe('攀枝花市西区财政局');
      expect(['A13', 'B13', 'C13', 'D13', 'E13', 'F13', 'G13', 'H13'].map((a) => sheet.getCell(a).value)).toEqual(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
      // 年度资金总额: 34.47 万 budget, 15.67 万 executed, 45.46%, 4.55 of 10.
      expect(['D6', 'E6', 'F6', 'G6', 'H6'].map((a) => sheet.getCell(a).value)).toEqual([34.47, 15.67, 10, 45.46, 4.55]);
      expect(['B7', 'D7', 'E7', 'G7'].map((a) => sheet.getCell(a).value)).toEqual(['其中：上级财政资金', 18, 15.67, 87.05]);
      expect(['D8', 'E8', 'G8'].map((a) => sheet.getCell(a).value)).toEqual([16.47, 0, 0]);
      expect(sheet.getCell('D6').numFmt).toBe('0.00');
      expect(sheet.getCell('A14').value).toBe('产出指标');
      expect(sheet.getCell('A18').value).toBe('效益指标');
      expect(sheet.getCell('A19').value).toBe('满意度指标');
      expect(sheet.getCell('D17').value).toBe('≤344702元');
      expect(sheet.getCell('E17').value).toBe('156688.3元');
      expect(sheet.getCell('G20').value).toBe(94.55);
      expect(sheet.getCell('B21').value).toBe('优（94.55分）');
      expect(['A22', 'B22', 'D22', 'E22', 'G22', 'H22'].map((a) => sheet.getCell(a).value)).toEqual(['填报人', '张三', '联系电话', '0812-1234567', '填报日期', '2022-01-20']);
    });

    it('should merge the level-2 cells of consecutive rows of one category (科普经费 社会效益 ×2)', async () => {
      const popsci = byCode('510403-2021-KPJF');
      const res = await request(app.http).get(`/api/v1/performance/self-evaluations/${popsci.id}/export.xlsx`).set(auth(staff)).buffer(true).parse(binary).expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as unknown as ExcelJS.Buffer);
      const merges: string[] = (workbook.worksheets[0].model as unknown as { merges: string[] }).merges;
      // Rows 14–17 outputs, 18–19 two social-benefit rows, 20 satisfaction.
      expect(merges).toEqual(expect.arrayContaining(['A14:A17', 'A18:A19', 'B18:B19']));
      expect(workbook.worksheets[0].getCell('D6').value).toBe(1);
    });

    it('should serve the same table as a print model and as a printable HTML page', async () => {
      const cloud = byCode('510403-2021-KJY');
      const json = await request(app.http).get(`/api/v1/performance/self-evaluations/${cloud.id}/print`).set(auth(staff)).expect(200);
      expect(json.body.sheet.merges).toEqual(expect.arrayContaining([{ top: 5, left: 1, bottom: 9, right: 1 }]));
      const html = await request(app.http).get(`/api/v1/performance/self-evaluations/${cloud.id}/print.html`).set(auth(staff)).expect(200);
      expect(html.headers['content-type']).toContain('text/html');
      expect(html.text).toContain('项目支出绩效自评表');
      expect(html.text).toContain('rowspan="5"');
    });
  });
});
