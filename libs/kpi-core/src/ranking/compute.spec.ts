import type { RankingEntry, RankingIndicator, RankingModel } from '@app/contracts';
import { Dec, sum } from '../decimal.js';
import { type RankingDivisionInput, computeRanking, effectiveWeights } from './compute.js';
import { DEFAULT_RANKING_MODEL } from './model.js';
import { PANZHIHUA, WEST_DISTRICT } from './panzhihua.fixture.js';

// Everything is compared in 分-like hundredths so that float addition cannot blur an exact sum.
const cents = (value: number) => Math.round(value * 100);

function expectPointsToAddUp(entry: RankingEntry): void {
  const contributionCents = entry.contributions.reduce((total, c) => total + cents(c.points), 0);
  expect(contributionCents).toBe(cents(entry.score));
  const pillarCents = Object.values(entry.pillars).reduce((total, p) => total + cents(p.points), 0);
  expect(pillarCents).toBe(cents(entry.score));
  for (const c of entry.contributions) {
    // Displayed with at most 2 decimals.
    expect(Number.isInteger(cents(c.points))).toBe(true);
    expect(Math.abs(c.points * 100 - cents(c.points))).toBeLessThan(1e-6);
  }
}

const indicator = (overrides: Partial<RankingIndicator> & Pick<RankingIndicator, 'id' | 'metric' | 'pillar'>): RankingIndicator => ({
  weight: 1,
  denominator: 'none',
  transform: 'none',
  ...overrides,
});

// A one-indicator-per-pillar model that makes hand computation easy.
const simpleModel: RankingModel = {
  version: 'test-1',
  name: 'test',
  disclaimer: 'test index, not official',
  pillars: { supply: { weight: 30 }, demand: { weight: 40 }, popsci: { weight: 30 } },
  indicators: [
    indicator({ id: 'scientists', metric: 'registrations.scientist.count', pillar: 'supply' }),
    indicator({ id: 'deals', metric: 'deals.tech_service.count', pillar: 'demand' }),
    indicator({ id: 'households', metric: 'popsci.households', pillar: 'popsci' }),
  ],
  normalization: { method: 'minmax', cap: 1.2 },
  tieBreak: ['demand', 'popsci', 'supply', 'division'],
};

const division = (code: string, scientists: number, deals: number, households: number): RankingDivisionInput => ({
  division: code,
  name: `d${code}`,
  values: { 'registrations.scientist.count': scientists, 'deals.tech_service.count': deals, 'popsci.households': households },
});

// Deterministic pseudo-random numbers (mulberry32) so a failing case can be replayed.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('computeRanking', () => {
  describe('with the default model on Panzhihua', () => {
    const result = computeRanking(DEFAULT_RANKING_MODEL, PANZHIHUA);

    it('should list the five divisions with West District first, as the seed reports for November 2021', () => {
      expect(result.modelVersion).toBe('tianfu-index-2021.1');
      // 米易县 edges out 仁和区 with few 规上企业 (38) to divide its deals by.
      expect(result.entries.map((e) => e.division)).toEqual(['510403', '510402', '510421', '510411', '510422']);
      expect(result.entries.map((e) => e.rank)).toEqual([1, 2, 3, 4, 5]);
      expect(result.entries[0].name).toBe('西区');
      expect(result.issues).toEqual([]);
    });

    it('should make every score equal the sum of its contributions and of its pillars', () => {
      for (const entry of result.entries) expectPointsToAddUp(entry);
    });

    it('should keep scores between 0 and 100 when normalising min–max', () => {
      for (const entry of result.entries) {
        expect(entry.score).toBeGreaterThanOrEqual(0);
        expect(entry.score).toBeLessThanOrEqual(100);
      }
    });

    it('should explain each contribution as weight × normalised value', () => {
      for (const entry of result.entries) {
        for (const c of entry.contributions) expect(Math.abs(c.weight * c.normalized - c.points)).toBeLessThan(0.011);
      }
    });

    it('should write raw amounts as 元 strings and counts as numbers when explaining West District', () => {
      const west = result.entries.find((e) => e.division === '510403')!;
      const byId = Object.fromEntries(west.contributions.map((c) => [c.indicator, c]));
      expect(byId['deals.tech_service.count'].raw).toBe(216);
      expect(byId['deals.tech_service.amount'].raw).toBe('92708000.00');
      expect(byId['deals.research_project.amount'].raw).toBe('417900000.00');
      expect(byId['popsci.person_times'].raw).toBe(691200);
      // West has the most deals per 规上企业 (216 / 68 = 3.18) and so the whole 8 points.
      expect(byId['deals.tech_service.count']).toMatchObject({ normalized: 1, weight: 8, points: 8 });
    });

    it('should normalise per resident within the peers when computing 仁和区 person-times', () => {
      const renhe = result.entries.find((e) => e.division === '510411')!;
      const personTimes = renhe.contributions.find((c) => c.indicator === 'popsci.person_times')!;
      // Per resident: 仁和 560000/270000, min 米易 410000/230000, max 西区 691200/149000 (4.64, domain.md §2.2).
      const x = (a: number, b: number) => new Dec(a).dividedBy(b);
      const expected = x(560000, 270000).minus(x(410000, 230000)).dividedBy(x(691200, 149000).minus(x(410000, 230000)));
      expect(personTimes.normalized).toBe(expected.toDecimalPlaces(4).toNumber());
      expect(personTimes.normalized).toBe(0.102);
    });

    it('should rank ln(1 + amount per 规上企业) when the indicator is logged', () => {
      const east = result.entries.find((e) => e.division === '510402')!;
      const amount = east.contributions.find((c) => c.indicator === 'deals.tech_service.amount')!;
      const ln1p = (a: number, b: number) => new Dec(a).dividedBy(b).plus(1).ln();
      const min = ln1p(9800000, 38); // 米易县
      const max = ln1p(92708000, 68); // 西区
      const expected = ln1p(81000000, 160).minus(min).dividedBy(max.minus(min));
      expect(amount.normalized).toBe(expected.toDecimalPlaces(4).toNumber());
      // Without the log East's 506,250 元 per enterprise would score only 0.2267 against West's 1.36 million.
      expect(amount.normalized).toBeGreaterThan(0.4);
    });

    it('should give pillar scores on 0–100 and pillar sub-ranks', () => {
      const west = result.entries[0];
      expect(west.pillars.popsci).toEqual({ points: 30, score: 100, rank: 1 });
      // East has more S&T workers per resident (15.6 vs 14.1 per 1,000), so West misses full supply marks.
      const east = result.entries.find((e) => e.division === '510402')!;
      expect(east.contributions[0]).toMatchObject({ indicator: 'registrations.scientist.count', normalized: 1, points: 12 });
      expect(west.pillars.supply.score).toBeLessThan(100);
      expect(west.pillars.supply.rank).toBe(1);
      for (const entry of result.entries) {
        for (const pillar of Object.values(entry.pillars)) {
          expect(pillar.score).toBeGreaterThanOrEqual(0);
          expect(pillar.score).toBeLessThanOrEqual(100);
        }
      }
    });

    it('should not depend on the order the divisions are given in', () => {
      const reversed = computeRanking(DEFAULT_RANKING_MODEL, [...PANZHIHUA].reverse());
      expect(reversed.entries).toEqual(result.entries);
    });
  });

  describe('scoring', () => {
    it('should score 0, 50 and 100 when three divisions are at the min, the middle and the max of every indicator', () => {
      const { entries } = computeRanking(simpleModel, [division('1', 10, 10, 10), division('2', 20, 20, 20), division('3', 30, 30, 30)]);
      expect(entries.map((e) => [e.division, e.score, e.rank])).toEqual([
        ['3', 100, 1],
        ['2', 50, 2],
        ['1', 0, 3],
      ]);
      expect(entries[1].contributions.map((c) => [c.indicator, c.normalized, c.weight, c.points])).toEqual([
        ['scientists', 0.5, 30, 15],
        ['deals', 0.5, 40, 20],
        ['households', 0.5, 30, 15],
      ]);
    });

    it('should give every division the full value when all peers are equal', () => {
      const { entries } = computeRanking(simpleModel, [division('1', 5, 5, 5), division('2', 5, 5, 5)]);
      expect(entries.map((e) => [e.score, e.rank])).toEqual([
        [100, 1],
        [100, 1],
      ]);
    });

    it('should weight indicators within a pillar by their share of the pillar', () => {
      const model: RankingModel = {
        ...simpleModel,
        indicators: [
          ...simpleModel.indicators,
          indicator({ id: 'amount', metric: 'deals.tech_service.amount', pillar: 'demand', weight: 3, transform: 'log' }),
        ],
      };
      // Demand's 40 points: 1/4 to the deal count, 3/4 to the amount.
      expect(effectiveWeights(model).map((w) => w.toString())).toEqual(['30', '10', '30', '30']);
    });

    it('should use the indicator weights as points when they add up to the pillar weights in the default model', () => {
      expect(effectiveWeights(DEFAULT_RANKING_MODEL).map((w) => w.toNumber())).toEqual(DEFAULT_RANKING_MODEL.indicators.map((i) => i.weight));
      expect(sum(effectiveWeights(DEFAULT_RANKING_MODEL)).toString()).toBe('100');
    });

    it('should scale pillar weights relative to their sum when they do not add up to 100', () => {
      const model = { ...simpleModel, pillars: { supply: { weight: 1 }, demand: { weight: 1 }, popsci: { weight: 1 } } };
      expect(effectiveWeights(model).map((w) => w.toFixed(4))).toEqual(['33.3333', '33.3333', '33.3333']);
    });

    it('should ignore a pillar when its weight is 0', () => {
      const model = { ...simpleModel, pillars: { supply: { weight: 0 }, demand: { weight: 1 }, popsci: { weight: 0 } } };
      const { entries } = computeRanking(model, [division('1', 99, 10, 99), division('2', 0, 20, 0)]);
      expect(entries.map((e) => [e.division, e.score])).toEqual([
        ['2', 100],
        ['1', 0],
      ]);
    });

    it('should let a small district beat a large one per resident when the denominator is population', () => {
      const model: RankingModel = {
        ...simpleModel,
        pillars: { supply: { weight: 1 }, demand: { weight: 0 }, popsci: { weight: 0 } },
        indicators: [indicator({ id: 'scientists', metric: 'registrations.scientist.count', pillar: 'supply', denominator: 'population', per: 1000 })],
      };
      const big = { ...division('510402', 5000, 0, 0), denominators: { population: 320000 } };
      const small = { ...division('510403', 2100, 0, 0), denominators: { population: 149000 } };
      // 15.6 vs 14.1 per 1,000: the big district still leads; halve its registrations and it falls behind.
      expect(computeRanking(model, [big, small]).entries[0].division).toBe('510402');
      const halved = { ...big, values: { 'registrations.scientist.count': 2500 } };
      expect(computeRanking(model, [halved, small]).entries[0].division).toBe('510403');
    });
  });

  describe('target-based normalisation', () => {
    const targetModel: RankingModel = { ...simpleModel, normalization: { method: 'target', cap: 1.2 } };
    const withTargets = (input: RankingDivisionInput, scientists: number, deals: number, households: number): RankingDivisionInput => ({
      ...input,
      targets: { 'registrations.scientist.count': scientists, 'deals.tech_service.count': deals, 'popsci.households': households },
    });

    it('should score 100 when every target is met exactly', () => {
      const { entries } = computeRanking(targetModel, [withTargets(division('1', 10, 20, 30), 10, 20, 30)]);
      expect(entries[0].score).toBe(100);
    });

    it('should cap over-achievement at the cap so the score can reach 100 × cap', () => {
      const { entries } = computeRanking(targetModel, [withTargets(division('1', 100, 60, 30), 10, 20, 30)]);
      expect(entries[0].contributions.map((c) => c.normalized)).toEqual([1.2, 1.2, 1]);
      expect(entries[0].score).toBe(30 * 1.2 + 40 * 1.2 + 30);
      expectPointsToAddUp(entries[0]);
    });

    it('should compare West District with its target through the same denominator and log', () => {
      const model: RankingModel = {
        ...targetModel,
        pillars: { supply: { weight: 0 }, demand: { weight: 1 }, popsci: { weight: 0 } },
        indicators: [indicator({ id: 'amount', metric: 'deals.tech_service.amount', pillar: 'demand', denominator: 'enterprisesAboveScale', transform: 'log' })],
      };
      const west = { ...WEST_DISTRICT, targets: { 'deals.tech_service.amount': '100000000.00' } };
      const [entry] = computeRanking(model, [west]).entries;
      const expected = new Dec('92708000').dividedBy(68).plus(1).ln().dividedBy(new Dec('100000000').dividedBy(68).plus(1).ln());
      expect(entry.contributions[0].normalized).toBe(expected.toDecimalPlaces(4).toNumber());
      expect(entry.contributions[0].normalized).toBe(0.9947);
    });

    it('should score 0 and report the gap when a target is missing', () => {
      const { entries, issues } = computeRanking(targetModel, [{ ...withTargets(division('1', 10, 20, 30), 10, 20, 30), targets: { 'registrations.scientist.count': 10 } }]);
      expect(entries[0].score).toBe(30);
      expect(issues.map((i) => [i.indicator, i.reason])).toEqual([
        ['deals', 'missing_target'],
        ['households', 'missing_target'],
      ]);
    });

    it('should floor a negative value at 0 when it is measured against a target', () => {
      const { entries } = computeRanking(targetModel, [withTargets(division('1', -5, 20, 30), 10, 20, 30)]);
      expect(entries[0].contributions[0].normalized).toBe(0);
    });
  });

  describe('missing data', () => {
    it('should score a missing value 0, report it, and leave it out of the min and max', () => {
      const absent: RankingDivisionInput = { division: '3', name: 'd3', values: { 'registrations.scientist.count': 30, 'popsci.households': 30 } };
      const { entries, issues } = computeRanking(simpleModel, [division('1', 10, 10, 10), division('2', 20, 20, 20), absent]);
      expect(issues).toEqual([{ division: '3', indicator: 'deals', reason: 'missing_value', message: 'no value of deals.tech_service.count for 3' }]);
      const deals = (code: string) => entries.find((e) => e.division === code)!.contributions.find((c) => c.indicator === 'deals')!;
      expect(deals('3')).toMatchObject({ raw: null, normalized: 0, points: 0 });
      // The max of the present values is 20, so division 2 gets the full 40 points.
      expect(deals('2').points).toBe(40);
    });

    it('should report a missing or zero denominator', () => {
      const model: RankingModel = {
        ...simpleModel,
        indicators: simpleModel.indicators.map((i) => (i.id === 'households' ? { ...i, denominator: 'households' as const } : i)),
      };
      const { issues } = computeRanking(model, [
        { ...division('1', 1, 1, 1), denominators: { households: 0 } },
        { ...division('2', 1, 1, 1), denominators: {} },
        { ...division('3', 1, 1, 1), denominators: { households: 100 } },
      ]);
      expect(issues.map((i) => [i.division, i.reason])).toEqual([
        ['1', 'missing_denominator'],
        ['2', 'missing_denominator'],
      ]);
    });

    it('should rank an empty city as an empty list', () => {
      expect(computeRanking(simpleModel, []).entries).toEqual([]);
    });
  });

  describe('ties', () => {
    it('should share a rank when scores are equal and continue with the competition rank (1, 2, 2, 4)', () => {
      const { entries } = computeRanking(simpleModel, [
        division('4', 0, 0, 0),
        division('2', 10, 5, 10),
        division('3', 10, 5, 10),
        division('1', 10, 10, 10),
      ]);
      expect(entries.map((e) => e.rank)).toEqual([1, 2, 2, 4]);
      // Equal in every pillar: the division code orders the list.
      expect(entries.map((e) => e.division)).toEqual(['1', '2', '3', '4']);
    });

    it('should list the division stronger on the demand side first when two scores are equal', () => {
      const model = { ...simpleModel, pillars: { supply: { weight: 40 }, demand: { weight: 40 }, popsci: { weight: 20 } } };
      const { entries } = computeRanking(model, [division('510401', 10, 0, 0), division('510499', 0, 10, 0)]);
      // 40 for the stronger pillar + 20 for popsci, where equal peers all get the full value.
      expect(entries.map((e) => [e.division, e.score, e.rank])).toEqual([
        ['510499', 60, 1],
        ['510401', 60, 1],
      ]);
    });

    it('should follow the configured tie-break order when it puts a pillar first', () => {
      const model: RankingModel = { ...simpleModel, pillars: { supply: { weight: 40 }, demand: { weight: 40 }, popsci: { weight: 20 } }, tieBreak: ['supply'] };
      const { entries } = computeRanking(model, [division('510401', 0, 10, 0), division('510499', 10, 0, 0)]);
      expect(entries.map((e) => e.division)).toEqual(['510499', '510401']);
    });

    it('should share the rank when exact scores differ below the displayed 2 decimals', () => {
      const model: RankingModel = { ...simpleModel, pillars: { supply: { weight: 0 }, demand: { weight: 1 }, popsci: { weight: 0 } } };
      // 100 × 99999/100000 = 99.999, shown as 100.00 like division 3's exact 100: same rank. The
      // tie-break still compares exact demand points, so 3 is listed first.
      const { entries } = computeRanking(model, [division('1', 0, 0, 0), division('2', 0, 99999, 0), division('3', 0, 100000, 0)]);
      expect(entries.map((e) => [e.division, e.score, e.rank])).toEqual([
        ['3', 100, 1],
        ['2', 100, 1],
        ['1', 0, 3],
      ]);
    });
  });

  describe('rounding', () => {
    it('should allocate the rounding remainder so thirds add up to the score', () => {
      const model: RankingModel = {
        ...simpleModel,
        pillars: { supply: { weight: 1 }, demand: { weight: 1 }, popsci: { weight: 1 } },
      };
      const { entries } = computeRanking(model, [division('1', 0, 0, 0), division('2', 10, 10, 10)]);
      // 33.333… three times: 33.34 + 33.33 + 33.33 = 100.00, not 99.99.
      expect(entries[0].score).toBe(100);
      expect(entries[0].contributions.map((c) => c.points)).toEqual([33.34, 33.33, 33.33]);
      expect(entries[0].contributions.map((c) => c.weight)).toEqual([33.33, 33.33, 33.33]);
      expectPointsToAddUp(entries[0]);
    });

    it('should add up exactly for every entry when models and data are random', () => {
      const next = random(20211130);
      const metrics = ['registrations.scientist.count', 'deals.tech_service.count', 'deals.tech_service.amount', 'popsci.households', 'popsci.person_times'] as const;
      const pillars = ['supply', 'demand', 'popsci'] as const;
      for (let scenario = 0; scenario < 150; scenario += 1) {
        const indicators = metrics.map((metric, i) =>
          indicator({
            id: metric,
            metric,
            pillar: pillars[i % 3],
            weight: Math.round(next() * 70) / 7,
            transform: metric.endsWith('amount') ? 'log' : 'none',
            denominator: next() < 0.5 ? 'population' : 'none',
          }),
        );
        // Every pillar keeps one indicator with a positive weight so the model stays valid.
        indicators.slice(0, 3).forEach((item) => (item.weight += 1));
        const model: RankingModel = {
          ...simpleModel,
          indicators,
          pillars: { supply: { weight: Math.round(next() * 50) }, demand: { weight: Math.round(next() * 50) + 1 }, popsci: { weight: Math.round(next() * 50) } },
          normalization: { method: next() < 0.5 ? 'minmax' : 'target', cap: 1.2 },
        };
        const inputs = Array.from({ length: 2 + Math.floor(next() * 6) }, (_, d): RankingDivisionInput => ({
          division: String(510401 + d),
          name: `d${d}`,
          values: Object.fromEntries(metrics.map((m) => [m, Math.floor(next() * 100000) / (m.endsWith('amount') ? 100 : 1)])),
          targets: Object.fromEntries(metrics.map((m) => [m, Math.floor(next() * 80000) + 1])),
          denominators: { population: Math.floor(next() * 300000) + 1 },
        }));
        const { entries } = computeRanking(model, inputs);
        for (const entry of entries) expectPointsToAddUp(entry);
        const scores = entries.map((e) => cents(e.score));
        // Display order is by score, and equal displayed scores share the rank.
        entries.forEach((entry, i) => {
          expect(entry.rank).toBe(1 + scores.filter((s) => s > scores[i]).length);
          if (i > 0) expect(scores[i]).toBeLessThanOrEqual(scores[i - 1]);
        });
      }
    });
  });

  describe('validation of inputs', () => {
    it('should throw naming the field when the model is invalid', () => {
      const broken = { ...simpleModel, pillars: { ...simpleModel.pillars, demand: { weight: -1 } } };
      expect(() => computeRanking(broken, [])).toThrow(/pillars\.demand\.weight: pillar weight must be a finite number ≥ 0/);
    });

    it('should throw when a division is given twice', () => {
      expect(() => computeRanking(simpleModel, [division('1', 1, 1, 1), division('1', 2, 2, 2)])).toThrow(/510|given twice/);
    });
  });
});
