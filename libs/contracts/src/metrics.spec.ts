import { METRIC_CATALOGUE, METRIC_CODES, METRICS_BY_CODE, type MetricCode } from './metrics.js';
import { LISTING_KINDS, REGISTRATION_TYPES } from './platform.js';

describe('metric catalogue', () => {
  it('should hold every code the issue asks for', () => {
    const required: MetricCode[] = [
      'deals.tech_service.count',
      'deals.tech_service.amount',
      'deals.achievement_transfer.count',
      'deals.achievement_transfer.amount',
      'deals.research_project.count',
      'deals.research_project.amount',
      'deals.total.amount',
      ...LISTING_KINDS.map((kind) => `listings.${kind}.count` as const),
      ...REGISTRATION_TYPES.map((type) => `registrations.${type}.count` as const),
      'registrations.total.count',
      'popsci.households',
      'popsci.person_times',
      'events.count',
      'events.person_times',
      'events.materials',
    ];
    expect(METRIC_CODES).toEqual(expect.arrayContaining(required));
  });

  it('should have unique codes and an entry by code for each', () => {
    expect(new Set(METRIC_CODES).size).toBe(METRIC_CATALOGUE.length);
    for (const metric of METRIC_CATALOGUE) expect(METRICS_BY_CODE[metric.code]).toBe(metric);
  });

  it('should describe every metric in both languages with a unit and a definition', () => {
    for (const metric of METRIC_CATALOGUE) {
      expect(metric.nameZh).toMatch(/\p{Script=Han}/u);
      expect(metric.nameEn).toMatch(/^[A-Z]/);
      expect(metric.unit.zh.length).toBeGreaterThan(0);
      expect(metric.unit.en.length).toBeGreaterThan(0);
      expect(metric.definition).toMatch(/\.$/);
    }
  });

  it('should sum counts and amounts and recompute ratios from summable parts', () => {
    for (const metric of METRIC_CATALOGUE) {
      if (metric.kind === 'ratio') {
        expect(metric.aggregation).toBe('recompute');
        expect(METRICS_BY_CODE[metric.ratioOf!.numerator].aggregation).toBe('sum');
        expect(METRICS_BY_CODE[metric.ratioOf!.denominator].aggregation).toBe('sum');
      } else {
        expect(metric.aggregation).toBe('sum');
        expect(metric.ratioOf).toBeUndefined();
      }
    }
  });

  it('should count in whole numbers and keep amounts in 元 with 2 decimals', () => {
    for (const metric of METRIC_CATALOGUE) {
      if (metric.kind === 'count') expect(metric.decimals).toBe(0);
      if (metric.kind === 'amount') expect([metric.unit.zh, metric.decimals]).toEqual(['元', 2]);
    }
    expect(METRICS_BY_CODE['deals.tech_service.count']).toMatchObject({ nameZh: '科技服务成交笔数', unit: { zh: '笔', en: 'deals' } });
    expect(METRICS_BY_CODE['popsci.person_times']).toMatchObject({ nameZh: '精准科普服务量', unit: { zh: '人次' } });
  });
});
