import { describe, expect, it } from '@jest/globals';
import { type RankingInputJson, type RankingModel } from '@app/contracts';
import { DEFAULT_RANKING_MODEL } from '@app/kpi-core';
import { formatPerUnit, indicatorFigures, perUnitLabel, shortNumber } from './ranking-explain';

const model = DEFAULT_RANKING_MODEL as RankingModel;
const input = (division: string, scientists: string | null, population: string | null): RankingInputJson => ({
  division,
  name: division,
  values: { 'registrations.scientist.count': scientists, 'deals.tech_service.amount': '6067800.00' },
  denominators: { population, enterprisesAboveScale: '68' },
  targets: {},
});

describe('ranking explanation figures', () => {
  it('should name what the per-unit figure counts, in both languages', () => {
    expect(perUnitLabel({ denominator: 'population', per: 1000 }, 'zh')).toBe('每千人');
    expect(perUnitLabel({ denominator: 'households', per: 100 }, 'zh')).toBe('覆盖率');
    expect(perUnitLabel({ denominator: 'enterprisesAboveScale' }, 'en')).toBe('per enterprise above scale');
    expect(perUnitLabel({ denominator: 'population', per: 100_000 }, 'en')).toBe('per 100,000 residents');
  });

  it('should divide by the denominator and take the city’s lowest and highest, leaving out a district without data', () => {
    const index = model.indicators.findIndex((i) => i.metric === 'registrations.scientist.count');
    const figures = indicatorFigures(model, [input('510402', '10', '100000'), input('510403', '2', '149000'), input('510411', null, '50000')], index);
    expect(figures.get('510402')).toMatchObject({ perUnit: 0.1, x: 0.1, denominator: 100_000 });
    expect(figures.get('510403')!.perUnit).toBeCloseTo(0.013_42, 5);
    expect(figures.get('510411')).toMatchObject({ perUnit: null, x: null });
    expect(figures.get('510403')).toMatchObject({ min: figures.get('510403')!.perUnit, max: 0.1 });
  });

  it('should show money per unit in 万元 and log it for the logged indicators', () => {
    const index = model.indicators.findIndex((i) => i.metric === 'deals.tech_service.amount');
    const figures = indicatorFigures(model, [input('510403', '2', '149000')], index).get('510403')!;
    expect(figures.perUnit).toBeCloseTo(89_232.35, 2);
    expect(figures.x).toBeCloseTo(Math.log1p(89_232.35), 4);
    expect(formatPerUnit(model.indicators[index]!, figures.perUnit, 'zh')).toBe('8.92万元（每家规上企业）');
  });

  it('should keep small figures readable', () => {
    expect([shortNumber(0.013_423), shortNumber(8.923), shortNumber(41_182), shortNumber(0), shortNumber(null)]).toEqual(['0.0134', '8.92', '41,182', '0.00', '—']);
  });
});
