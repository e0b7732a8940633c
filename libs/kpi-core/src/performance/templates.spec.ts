import { Dec, sum } from '../decimal.js';
import { SCORING_TEMPLATES, TEMPLATE_IDS, defineTemplate, resolveTemplate } from './templates.js';

describe('templates', () => {
  describe('SCORING_TEMPLATES', () => {
    it('should give Sichuan execution 10 and one pool of 90 for all indicators', () => {
      const t = SCORING_TEMPLATES.sichuan;
      expect(t.executionWeight).toBe('10');
      expect(t.indicatorPools).toEqual([{ key: 'indicators', label: '绩效指标', level1s: ['output', 'benefit', 'satisfaction'], weight: '90' }]);
    });

    it('should give MoF execution 10, outputs 50, benefits 30 and satisfaction 10', () => {
      const t = SCORING_TEMPLATES.mof;
      expect(t.executionWeight).toBe('10');
      expect(t.indicatorPools.map((p) => [p.level1s.join(','), p.weight])).toEqual([['output', '50'], ['benefit', '30'], ['satisfaction', '10']]);
    });

    it('should give Hubei execution 20 and indicators 80', () => {
      const t = SCORING_TEMPLATES.hubei;
      expect([t.executionWeight, t.indicatorPools[0].weight]).toEqual(['20', '80']);
    });

    it('should total 100 points and share the default rules in every built-in template', () => {
      for (const id of TEMPLATE_IDS) {
        const t = resolveTemplate(id);
        expect(new Dec(t.executionWeight).plus(sum(t.indicatorPools.map((p) => p.weight))).toString()).toBe('100');
        expect([t.reverseFormula, t.qualitativeBands, t.overAchievementRatio, t.explanationThreshold]).toEqual([
          'ratio',
          { metFrom: '0.8', partlyMetFrom: '0.6' },
          '1.5',
          '0.9',
        ]);
      }
    });
  });

  describe('resolveTemplate', () => {
    it('should hand out built-in templates that cannot be edited in place', () => {
      const t = resolveTemplate('sichuan');
      expect(() => { (t as { executionWeight: string }).executionWeight = '50'; }).toThrow(TypeError);
      expect(() => { (t.indicatorPools[0] as { weight: string }).weight = '50'; }).toThrow(TypeError);
    });

    it('should reject an unknown template id', () => {
      expect(() => resolveTemplate('beijing' as never)).toThrow(new RangeError('unknown scoring template "beijing" (known: sichuan, mof, hubei)'));
    });

    it('should validate a template object when it comes from storage', () => {
      const broken = { ...SCORING_TEMPLATES.sichuan, id: 'stored', executionWeight: '15' };
      expect(() => resolveTemplate(broken)).toThrow(new RangeError('template "stored": execution and indicator weights must total 100, got 105'));
    });
  });

  describe('defineTemplate', () => {
    it('should build custom weights on top of a base template', () => {
      const t = defineTemplate({
        id: 'panzhihua-2024',
        base: 'mof',
        executionWeight: 20,
        indicatorPools: [
          { key: 'output', level1s: ['output'], weight: '40' },
          { key: 'rest', label: '效益和满意度', level1s: ['benefit', 'satisfaction'], weight: '40' },
        ],
        reverseFormula: 'linear',
      });
      expect(t.executionWeight).toBe('20');
      expect(t.indicatorPools[0].label).toBe('output');
      expect(t.reverseFormula).toBe('linear');
      expect(t.qualitativeBands).toEqual({ metFrom: '0.8', partlyMetFrom: '0.6' });
    });

    it('should default to the Sichuan template when no base is named', () => {
      expect(defineTemplate({ qualitativeBands: { metFrom: 0.8, partlyMetFrom: 0.5 } })).toEqual(
        expect.objectContaining({ id: 'custom', executionWeight: '10', qualitativeBands: { metFrom: '0.8', partlyMetFrom: '0.5' } }),
      );
    });

    it('should reject weights that do not total 100', () => {
      expect(() => defineTemplate({ executionWeight: 20 })).toThrow(/must total 100, got 110/);
    });

    it('should reject a level-1 block in two pools or in none', () => {
      expect(() => defineTemplate({
        indicatorPools: [
          { key: 'a', level1s: ['output', 'benefit'], weight: 45 },
          { key: 'b', level1s: ['benefit', 'satisfaction'], weight: 45 },
        ],
      })).toThrow(/level-1 block "benefit" is in pools "a" and "b"/);
      expect(() => defineTemplate({ indicatorPools: [{ key: 'a', level1s: ['output'], weight: 90 }] })).toThrow(
        /level-1 blocks benefit, satisfaction belong to no pool/,
      );
    });

    it('should reject duplicate pool keys, unknown blocks and negative weights', () => {
      expect(() => defineTemplate({
        indicatorPools: [
          { key: 'a', level1s: ['output'], weight: 45 },
          { key: 'a', level1s: ['benefit', 'satisfaction'], weight: 45 },
        ],
      })).toThrow(/pool key "a" is used twice/);
      expect(() => defineTemplate({ indicatorPools: [{ key: 'a', level1s: ['output', 'benefit', 'satisfaction', 'cost' as never], weight: 90 }] })).toThrow(
        /unknown level-1 block "cost"/,
      );
      expect(() => defineTemplate({ executionWeight: -10, indicatorPools: [{ key: 'a', level1s: ['output', 'benefit', 'satisfaction'], weight: 110 }] })).toThrow(
        /execution weight must not be negative/,
      );
      expect(() => defineTemplate({ indicatorPools: [] })).toThrow(/at least one indicator pool/);
    });

    it('should reject weights finer than the cent', () => {
      expect(() => defineTemplate({ executionWeight: '10.001' })).toThrow(/execution weight must have at most 2 decimals, got 10.001/);
    });

    it('should reject bands, ratios and thresholds that make no sense', () => {
      expect(() => defineTemplate({ qualitativeBands: { metFrom: '0.5', partlyMetFrom: '0.6' } })).toThrow(/0 ≤ partlyMetFrom ≤ metFrom ≤ 1/);
      expect(() => defineTemplate({ overAchievementRatio: 1 })).toThrow(/over-achievement ratio must be above 1/);
      expect(() => defineTemplate({ explanationThreshold: 90 })).toThrow(/explanation threshold must be a share from 0 to 1/);
      expect(() => defineTemplate({ reverseFormula: 'cubic' as never })).toThrow(/unknown reverse formula "cubic"/);
    });
  });
});
