import { METRICS_BY_CODE, RANKING_PILLARS } from '@app/contracts';
import { DEFAULT_RANKING_MODEL, DEFAULT_TIE_BREAK, assertValidRankingModel, validateRankingModel } from './model.js';

// A deep copy that tests can break one field at a time.
const editable = (): Record<string, unknown> & { indicators: Record<string, unknown>[]; pillars: Record<string, { weight: unknown }> } =>
  structuredClone(DEFAULT_RANKING_MODEL) as never;

describe('ranking model', () => {
  describe('DEFAULT_RANKING_MODEL', () => {
    it('should weigh the pillars 30 / 40 / 30 as domain.md §1.4 proposes', () => {
      expect(DEFAULT_RANKING_MODEL.pillars).toEqual({ supply: { weight: 30 }, demand: { weight: 40 }, popsci: { weight: 30 } });
      for (const pillar of RANKING_PILLARS) {
        const total = DEFAULT_RANKING_MODEL.indicators.filter((i) => i.pillar === pillar).reduce((s, i) => s + i.weight, 0);
        expect(total).toBe(DEFAULT_RANKING_MODEL.pillars[pillar].weight);
      }
    });

    it('should be labelled as our index and not the official ranking', () => {
      expect(DEFAULT_RANKING_MODEL.disclaimer).toContain('非省科协官方');
      expect(DEFAULT_RANKING_MODEL.disclaimer).toContain('not the official');
      expect(DEFAULT_RANKING_MODEL.name).toContain('透明指数');
    });

    it('should break ties by demand, then popsci, then supply, then division code', () => {
      expect(DEFAULT_RANKING_MODEL.tieBreak).toEqual(['demand', 'popsci', 'supply', 'division']);
      expect(DEFAULT_TIE_BREAK).toEqual(DEFAULT_RANKING_MODEL.tieBreak);
    });

    it('should log every amount and only amounts, per 规上企业 on the demand side', () => {
      for (const indicator of DEFAULT_RANKING_MODEL.indicators) {
        const kind = METRICS_BY_CODE[indicator.metric].kind;
        expect([indicator.id, indicator.transform]).toEqual([indicator.id, kind === 'amount' ? 'log' : 'none']);
        if (indicator.pillar === 'demand') expect(indicator.denominator).toBe('enterprisesAboveScale');
      }
    });

    it('should use min–max within the peers with a 1.2 cap kept for target-based use', () => {
      expect(DEFAULT_RANKING_MODEL.normalization).toEqual({ method: 'minmax', cap: 1.2 });
    });

    it('should be frozen all the way down so an edit has to copy it', () => {
      expect(Object.isFrozen(DEFAULT_RANKING_MODEL.indicators[0])).toBe(true);
      expect(Object.isFrozen(DEFAULT_RANKING_MODEL.pillars.demand)).toBe(true);
      expect(() => {
        (DEFAULT_RANKING_MODEL.pillars.demand as { weight: number }).weight = 1;
      }).toThrow(TypeError);
    });

    it('should pass its own validation', () => {
      expect(validateRankingModel(DEFAULT_RANKING_MODEL)).toEqual([]);
      expect(assertValidRankingModel(DEFAULT_RANKING_MODEL)).toBe(DEFAULT_RANKING_MODEL);
    });
  });

  describe('validateRankingModel', () => {
    it('should refuse something that is not an object', () => {
      expect(validateRankingModel(null)).toEqual([{ field: '', message: 'model must be an object' }]);
      expect(validateRankingModel([])).toEqual([{ field: '', message: 'model must be an object' }]);
    });

    it('should name the field when a weight is negative or not a number', () => {
      const model = editable();
      model.pillars.demand.weight = -40;
      model.indicators[1].weight = Number.NaN;
      model.indicators[2].weight = '9';
      expect(validateRankingModel(model)).toEqual([
        { field: 'pillars.demand.weight', message: 'pillar weight must be a finite number ≥ 0' },
        { field: 'indicators[1].weight', message: 'weight must be a finite number ≥ 0' },
        { field: 'indicators[2].weight', message: 'weight must be a finite number ≥ 0' },
      ]);
    });

    it('should refuse an unknown metric code', () => {
      const model = editable();
      model.indicators[0].metric = 'deals.tech_service.cnt';
      model.indicators[3].metric = 'toString';
      expect(validateRankingModel(model)).toEqual([
        { field: 'indicators[0].metric', message: 'unknown metric code "deals.tech_service.cnt"' },
        { field: 'indicators[3].metric', message: 'unknown metric code "toString"' },
      ]);
    });

    it('should need at least one indicator', () => {
      const model = editable();
      model.indicators = [];
      const errors = validateRankingModel(model);
      expect(errors[0]).toEqual({ field: 'indicators', message: 'the model needs at least one indicator' });
    });

    it('should refuse a weighted pillar without a weighted indicator', () => {
      const model = editable();
      model.indicators = model.indicators.map((i) => (i.pillar === 'popsci' ? { ...i, weight: 0 } : i));
      expect(validateRankingModel(model)).toEqual([
        { field: 'pillars.popsci.weight', message: 'pillar popsci has weight 30 but no indicator with a weight above 0' },
      ]);
    });

    it('should accept a pillar switched off with weight 0 and no indicators', () => {
      const model = editable();
      model.pillars.popsci.weight = 0;
      model.indicators = model.indicators.filter((i) => i.pillar !== 'popsci');
      expect(validateRankingModel(model)).toEqual([]);
    });

    it('should refuse all pillar weights at 0', () => {
      const model = editable();
      for (const pillar of RANKING_PILLARS) model.pillars[pillar].weight = 0;
      expect(validateRankingModel(model)).toContainEqual({ field: 'pillars', message: 'at least one pillar must have a weight above 0' });
    });

    it('should refuse duplicate ids, unknown pillars, denominators and transforms', () => {
      const model = editable();
      model.indicators[1].id = model.indicators[0].id;
      model.indicators[2].pillar = 'science';
      model.indicators[3].denominator = 'gdp';
      model.indicators[4].transform = 'sqrt';
      model.indicators[5].per = 0;
      model.indicators[6].label = 7;
      model.pillars.extra = { weight: 1 };
      expect(validateRankingModel(model).map((e) => e.field)).toEqual([
        'pillars.extra',
        'indicators[1].id',
        'indicators[2].pillar',
        'indicators[3].denominator',
        'indicators[4].transform',
        'indicators[5].per',
        'indicators[6].label',
      ]);
    });

    it('should refuse a missing version, name or disclaimer', () => {
      const model = editable();
      model.version = '';
      model.name = '   ';
      delete model.disclaimer;
      expect(validateRankingModel(model).map((e) => e.field)).toEqual(['version', 'name', 'disclaimer']);
      model.version = 'v'.repeat(65);
      expect(validateRankingModel(model)[0]).toEqual({ field: 'version', message: 'version must be at most 64 characters' });
    });

    it('should refuse an unknown normalisation and a cap below 1', () => {
      const model = editable();
      model.normalization = { method: 'zscore', cap: 0.8 };
      expect(validateRankingModel(model)).toEqual([
        { field: 'normalization.method', message: 'method must be one of minmax, target' },
        { field: 'normalization.cap', message: 'cap must be a finite number ≥ 1' },
      ]);
      model.normalization = undefined;
      expect(validateRankingModel(model).map((e) => e.field)).toEqual(['normalization']);
    });

    it('should refuse unknown or repeated tie-break keys', () => {
      const model = editable();
      model.tieBreak = ['demand', 'demand', 'score'];
      expect(validateRankingModel(model)).toEqual([
        { field: 'tieBreak[1]', message: 'duplicate tie-break key "demand"' },
        { field: 'tieBreak[2]', message: 'tie-break key must be one of supply, demand, popsci, division' },
      ]);
      model.tieBreak = 'demand';
      expect(validateRankingModel(model).map((e) => e.field)).toEqual(['tieBreak']);
    });

    it('should refuse pillars and indicators of the wrong shape', () => {
      const model = editable();
      model.pillars = [30, 40, 30] as never;
      model.indicators = [42 as never];
      expect(validateRankingModel(model).map((e) => e.field)).toEqual(['pillars', 'indicators[0]']);
    });

    it('should throw a RangeError listing every field when asserted', () => {
      const model = editable();
      model.pillars.supply.weight = -1;
      model.indicators[0].metric = 'nope';
      expect(() => assertValidRankingModel(model)).toThrow(
        'invalid ranking model: pillars.supply.weight: pillar weight must be a finite number ≥ 0; indicators[0].metric: unknown metric code "nope"',
      );
    });
  });
});
