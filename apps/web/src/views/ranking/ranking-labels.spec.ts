import { describe, expect, it } from '@jest/globals';
import { indicatorLabel } from './ranking-labels';

describe('indicatorLabel', () => {
  it('should use the model label in Chinese', () => {
    expect(indicatorLabel({ metric: 'popsci.households', label: '精准科普服务户数覆盖率（%）', denominator: 'households', per: 100, transform: 'none' }, 'zh')).toBe('精准科普服务户数覆盖率（%）');
  });

  it('should describe the intensity and the log in English', () => {
    expect(indicatorLabel({ metric: 'deals.tech_service.amount', denominator: 'enterprisesAboveScale', transform: 'log' }, 'en')).toBe(
      'S&T service deals (value), per enterprise above scale, log',
    );
    expect(indicatorLabel({ metric: 'registrations.scientist.count', denominator: 'population', per: 1000, transform: 'none' }, 'en')).toBe(
      'Registered S&T workers (new), per 1,000 residents',
    );
    expect(indicatorLabel({ metric: 'popsci.households', denominator: 'households', per: 100, transform: 'none' }, 'en')).toBe(
      'Households reached by precise science popularisation, % of households',
    );
  });
});
