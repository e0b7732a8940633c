import { METRICS_BY_CODE } from '@app/contracts';
import { dec, wanToYuan } from '../decimal.js';
import {
  aggregateDivisionValues,
  computePanelFigures,
  computeRatioPanelFigures,
  percentChange,
  ratioOrNull,
  toMetricValue,
  toPanelMetric,
  toPercentNumber,
  type PanelSeriesInput,
} from './panel.js';

// West District (510403), 科技服务 deals per month of 2021 (plausible months that end in the seed's
// "截至11月" cumulative of 216 笔 / 9,270.8 万元, domain.md §2.2).
const westServiceCount: PanelSeriesInput = {
  month: '2021-11',
  value: 20,
  previous: 18,
  lastYear: 16,
  yearToDateByMonth: [12, 14, 15, 16, 17, 18, 19, 17, 16, 18, 20],
  cumulative: 216,
};

const westServiceAmount: PanelSeriesInput = {
  month: '2021-11',
  value: wanToYuan('856'),
  previous: wanToYuan('0'),
  lastYear: wanToYuan('612.5'),
  yearToDateByMonth: ['700', '520', '610', '655.3', '720', '698', '910', '640', '575', '606.2', '856'].map(wanToYuan),
  cumulative: wanToYuan('9270.8'),
};

describe('panel', () => {
  describe('percentChange', () => {
    it('should give the change in % when the base is positive', () => {
      expect(percentChange(20, 16)?.toString()).toBe('25');
      expect(percentChange(9, 12)?.toString()).toBe('-25');
    });

    it('should be null when the base is 0 or missing', () => {
      expect(percentChange(5, 0)).toBeNull();
      expect(percentChange(5, '0.00')).toBeNull();
      expect(percentChange(5, null)).toBeNull();
      expect(percentChange(null, 5)).toBeNull();
    });

    it('should keep the direction when a base is negative', () => {
      // A negative base only comes from a data error, but "up" must still read as up.
      expect(percentChange(-5, -10)?.toString()).toBe('50');
    });

    it('should be exact when the ratio does not terminate', () => {
      expect(toPercentNumber(percentChange(20, 18)!)).toBe(11.11);
      expect(percentChange(20, 18)!.times(18).dividedBy(100).plus(18).toString()).toBe('20');
    });
  });

  describe('ratioOrNull', () => {
    it('should be null when the denominator is 0 or missing', () => {
      expect(ratioOrNull(1, 0)).toBeNull();
      expect(ratioOrNull(null, 1)).toBeNull();
      expect(ratioOrNull(3, 4)?.toString()).toBe('0.75');
    });
  });

  describe('computePanelFigures', () => {
    it('should compute 环比, 同比, 年累计 and the cumulative when given West District service deals for 2021-11', () => {
      const figures = computePanelFigures(westServiceCount);
      expect(figures.value?.toString()).toBe('20');
      expect(toPercentNumber(figures.mom!)).toBe(11.11);
      expect(figures.yoy?.toString()).toBe('25');
      expect(figures.ytd?.toString()).toBe('182');
      expect(figures.cumulative?.toString()).toBe('216');
    });

    it('should compare year to date with the linear pace when a target is set', () => {
      const figures = computePanelFigures(westServiceCount, { annual: 200 });
      expect(figures.targetCompletion?.toString()).toBe('91');
      expect(toPercentNumber(figures.pace!)).toBe(91.67);
      // 91% done against 11/12 = 91.67% expected: 0.67 points behind, inside the yellow band.
      expect(toPercentNumber(figures.paceGap!)).toBe(-0.67);
      expect(figures.status).toBe('yellow');
    });

    it('should project the year end at the current pace and the monthly amount still needed when a target is set', () => {
      const { projection } = computePanelFigures(westServiceCount, { annual: 200 });
      // 182 ÷ (11/12) = 198.5454…, so 18 more in December reaches 200.
      expect(projection?.yearEnd?.toFixed(4)).toBe('198.5455');
      expect(projection?.remaining?.toString()).toBe('18');
      expect(projection?.monthlyNeeded?.toString()).toBe('18');
      expect(projection?.monthsLeft).toBe(1);
    });

    it('should be green and need nothing more when the target is already exceeded', () => {
      const figures = computePanelFigures(westServiceCount, { annual: 150 });
      expect(figures.status).toBe('green');
      expect(figures.projection?.remaining?.toString()).toBe('0');
      expect(figures.projection?.monthlyNeeded?.toString()).toBe('0');
    });

    it('should be red when more than ten points behind with the default cut-offs', () => {
      const figures = computePanelFigures(westServiceCount, { annual: 240 });
      // 182/240 = 75.83% against 91.67%: 15.83 points behind.
      expect(toPercentNumber(figures.paceGap!)).toBe(-15.83);
      expect(figures.status).toBe('red');
    });

    it('should use configured cut-offs when given', () => {
      const figures = computePanelFigures(westServiceCount, { annual: 240, cutoffs: { yellowBelow: -5, redBelow: -20 } });
      expect(figures.status).toBe('yellow');
    });

    it('should follow the monthly plan for the pace and the projection when one is set', () => {
      // A plan that expects a third of the year's deals in December.
      const plan = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 4];
      const figures = computePanelFigures(westServiceCount, { annual: 240, plan });
      expect(toPercentNumber(figures.pace!)).toBe(73.33);
      // 75.83% done against 11/15 = 73.33% expected: ahead of the seasonal plan.
      expect(toPercentNumber(figures.paceGap!)).toBe(2.5);
      expect(figures.status).toBe('green');
      // 182 ÷ (11/15) = 248.18…: the December peak is expected to lift the year above 240.
      expect(figures.projection?.yearEnd?.toFixed(2)).toBe('248.18');
    });

    it('should leave the projection open when the plan expects nothing yet', () => {
      const plan = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
      const figures = computePanelFigures(westServiceCount, { annual: 240, plan });
      expect(figures.pace?.toString()).toBe('0');
      expect(figures.projection?.yearEnd).toBeNull();
      expect(figures.status).toBe('green');
    });

    it('should leave target completion, gap and status null when no target is set', () => {
      const figures = computePanelFigures(westServiceCount, { annual: null });
      expect(figures.target).toBeNull();
      expect(figures.targetCompletion).toBeNull();
      expect(figures.paceGap).toBeNull();
      expect(figures.status).toBeNull();
      expect(figures.projection?.remaining).toBeNull();
      expect(figures.projection?.monthlyNeeded).toBeNull();
      // The calendar line and the run rate exist without a target.
      expect(toPercentNumber(figures.pace!)).toBe(91.67);
      expect(figures.projection?.yearEnd?.toFixed(2)).toBe('198.55');
    });

    it('should leave target completion null when the target is 0', () => {
      const figures = computePanelFigures(westServiceCount, { annual: 0 });
      expect(figures.targetCompletion).toBeNull();
      expect(figures.status).toBeNull();
    });

    it('should have no month left and no monthly need when the month is December', () => {
      const december: PanelSeriesInput = { ...westServiceCount, month: '2021-12', value: 10, yearToDateByMonth: [...westServiceCount.yearToDateByMonth, 10] };
      const figures = computePanelFigures(december, { annual: 200 });
      expect(figures.pace?.toString()).toBe('100');
      expect(figures.projection?.monthsLeft).toBe(0);
      expect(figures.projection?.monthlyNeeded).toBeNull();
      expect(figures.projection?.remaining?.toString()).toBe('8');
      expect(figures.projection?.yearEnd?.toString()).toBe('192');
      // 96% at year end: 4 points behind, yellow; below 90% would be red.
      expect(figures.status).toBe('yellow');
    });

    it('should give the whole target as pace when the month is January', () => {
      const january: PanelSeriesInput = { month: '2021-01', value: 12, previous: 9, lastYear: null, yearToDateByMonth: [12], cumulative: 46 };
      const figures = computePanelFigures(january, { annual: 144 });
      expect(toPercentNumber(figures.pace!)).toBe(8.33);
      expect(toPercentNumber(figures.targetCompletion!)).toBe(8.33);
      expect(figures.yoy).toBeNull();
      expect(figures.projection?.yearEnd?.toString()).toBe('144');
      expect(figures.projection?.monthlyNeeded?.toString()).toBe('12');
    });

    it('should compute money exactly when given West District service amounts in 元', () => {
      const figures = computePanelFigures(westServiceAmount, { annual: wanToYuan('8000') });
      expect(figures.mom).toBeNull();
      expect(figures.ytd?.toFixed(2)).toBe('74905000.00');
      expect(figures.cumulative?.toFixed(2)).toBe('92708000.00');
      expect(toPercentNumber(figures.yoy!)).toBe(39.76);
      expect(toPercentNumber(figures.targetCompletion!)).toBe(93.63);
    });

    it('should give the same figures from a year-to-date total summed elsewhere (the panel read model sums in SQL)', () => {
      const { yearToDateByMonth, ...rest } = westServiceCount;
      const fromTotal = computePanelFigures({ ...rest, yearToDate: '182' }, { annual: 200 });
      expect(fromTotal).toEqual(computePanelFigures(westServiceCount, { annual: 200 }));
      expect(yearToDateByMonth.length).toBe(11);
    });

    it('should throw when the year-to-date values do not match the month', () => {
      expect(() => computePanelFigures({ ...westServiceCount, yearToDateByMonth: [1, 2] })).toThrow(/must hold 11 values/);
      expect(() => computePanelFigures({ ...westServiceCount, value: 21 })).toThrow(/ends with 20/);
      expect(() => computePanelFigures({ ...westServiceCount, month: '2021-13' })).toThrow(/not a month/);
    });
  });

  describe('computeRatioPanelFigures', () => {
    const amount: PanelSeriesInput = { ...westServiceAmount };
    const count: PanelSeriesInput = { ...westServiceCount };

    it('should recompute the average deal from the summed parts when given West District service deals', () => {
      const figures = computeRatioPanelFigures(amount, count);
      // 9,270.8 万元 / 216 笔 = 42.92 万元 per deal (domain.md §2.2).
      expect(figures.cumulative?.toFixed(2)).toBe('429203.70');
      expect(figures.value?.toString()).toBe('428000');
      // Year to date is Σ amount ÷ Σ count, not the mean of the monthly averages.
      expect(figures.ytd?.toFixed(2)).toBe('411565.93');
      expect(figures.pace).toBeNull();
      expect(figures.status).toBeNull();
      expect(figures.projection).toBeNull();
    });

    it('should be null where the denominator is 0', () => {
      const figures = computeRatioPanelFigures({ ...amount, previous: 0 }, { ...count, previous: 0 });
      expect(figures.previous).toBeNull();
      expect(figures.mom).toBeNull();
    });

    it('should measure the year-to-date ratio against a target ratio when one is set', () => {
      const figures = computeRatioPanelFigures(amount, count, { annual: 400000 });
      expect(toPercentNumber(figures.targetCompletion!)).toBe(102.89);
    });

    it('should throw when numerator and denominator are for different months', () => {
      expect(() => computeRatioPanelFigures(amount, { ...count, month: '2021-10', yearToDateByMonth: count.yearToDateByMonth.slice(0, 10), value: 18 })).toThrow(
        /different|numerator is for/,
      );
    });
  });

  describe('aggregateDivisionValues', () => {
    it('should sum the divisions of a city when the metric is summable', () => {
      const total = aggregateDivisionValues(METRICS_BY_CODE['deals.tech_service.amount'], ['92708000', '0.10', '0.20']);
      expect(total.toFixed(2)).toBe('92708000.30');
    });

    it('should refuse to sum a ratio', () => {
      expect(() => aggregateDivisionValues(METRICS_BY_CODE['deals.tech_service.average_amount'], [1, 2])).toThrow(
        /deals.tech_service.amount and deals.tech_service.count/,
      );
    });
  });

  describe('toMetricValue', () => {
    it('should write counts as numbers, amounts as 元 strings and ratios with their decimals', () => {
      expect(toMetricValue(METRICS_BY_CODE['deals.tech_service.count'], 216)).toBe(216);
      expect(toMetricValue(METRICS_BY_CODE['deals.tech_service.amount'], wanToYuan('9270.8'))).toBe('92708000.00');
      expect(toMetricValue(METRICS_BY_CODE['deals.research_project.average_amount'], dec(wanToYuan('41790')).dividedBy(12))).toBe('34825000.00');
      expect(toMetricValue(METRICS_BY_CODE['popsci.person_times'], '691200')).toBe(691200);
    });
  });

  describe('toPanelMetric', () => {
    it('should produce the API shape of the issue when given West District service deals with a target', () => {
      const definition = METRICS_BY_CODE['deals.tech_service.count'];
      const metric = toPanelMetric(definition, computePanelFigures(westServiceCount, { annual: 200 }));
      expect(metric).toEqual({
        code: 'deals.tech_service.count',
        name: '科技服务成交笔数',
        unit: '笔',
        value: 20,
        previous: 18,
        mom: 11.11,
        lastYear: 16,
        yoy: 25,
        ytd: 182,
        cumulative: 216,
        target: 200,
        targetCompletion: 91,
        pace: 91.67,
        paceGap: -0.67,
        status: 'yellow',
        // 198.55 rounds to 199 deals; 18 still needed in December.
        projection: { yearEnd: 199, remaining: 18, monthlyNeeded: 18, monthsLeft: 1 },
      });
      expect(Object.keys(metric)).toEqual([
        'code', 'name', 'unit', 'value', 'previous', 'mom', 'lastYear', 'yoy', 'ytd', 'cumulative',
        'target', 'targetCompletion', 'pace', 'paceGap', 'status', 'projection',
      ]);
    });

    it('should write amounts as 元 strings with 2 decimals when the metric is an amount', () => {
      const definition = METRICS_BY_CODE['deals.tech_service.amount'];
      const metric = toPanelMetric(definition, computePanelFigures(westServiceAmount, { annual: wanToYuan('9000') }));
      expect(metric.value).toBe('8560000.00');
      expect(metric.cumulative).toBe('92708000.00');
      expect(metric.target).toBe('90000000.00');
      expect(metric.unit).toBe('元');
      expect(metric.projection).toEqual({ yearEnd: '81714545.45', remaining: '15095000.00', monthlyNeeded: '15095000.00', monthsLeft: 1 });
    });

    it('should round the monthly need up so that doing it every month reaches the target', () => {
      const october: PanelSeriesInput = { month: '2021-10', value: 18, previous: 16, lastYear: 15, yearToDateByMonth: westServiceCount.yearToDateByMonth.slice(0, 10), cumulative: 196 };
      const metric = toPanelMetric(METRICS_BY_CODE['deals.tech_service.count'], computePanelFigures(october, { annual: 200 }));
      // 162 done, 38 left over 2 months = 19 each; with 201 it would be 19.5, shown as 20.
      expect(metric.projection?.monthlyNeeded).toBe(19);
      const tighter = toPanelMetric(METRICS_BY_CODE['deals.tech_service.count'], computePanelFigures(october, { annual: 201 }));
      expect(tighter.projection?.monthlyNeeded).toBe(20);
    });

    it('should keep nulls as nulls when the figures are missing', () => {
      const definition = METRICS_BY_CODE['deals.tech_service.average_amount'];
      const metric = toPanelMetric(definition, computeRatioPanelFigures({ ...westServiceAmount, lastYear: null }, westServiceCount));
      expect(metric.lastYear).toBeNull();
      expect(metric.yoy).toBeNull();
      expect(metric.projection).toBeNull();
      expect(metric.cumulative).toBe('429203.70');
      expect(metric.unit).toBe('元/笔');
    });
  });
});
