import type { RankingModel } from '@app/contracts';
import { computeRanking } from './compute.js';
import { DEFAULT_RANKING_MODEL } from './model.js';
import { PANZHIHUA } from './panzhihua.fixture.js';
import { whatIfRanking, withWeights } from './what-if.js';

describe('what-if', () => {
  describe('withWeights', () => {
    it('should replace only the weights given and leave the model it copied untouched', () => {
      const before = structuredClone(DEFAULT_RANKING_MODEL);
      const edited = withWeights(DEFAULT_RANKING_MODEL, { pillars: { demand: 10 }, indicators: { 'popsci.households': 0 } });
      expect(edited.pillars).toEqual({ supply: { weight: 30 }, demand: { weight: 10 }, popsci: { weight: 30 } });
      expect(edited.indicators.find((i) => i.id === 'popsci.households')?.weight).toBe(0);
      expect(edited.indicators.find((i) => i.id === 'popsci.person_times')?.weight).toBe(12);
      expect(DEFAULT_RANKING_MODEL).toEqual(before);
    });

    it('should throw when an indicator or pillar is unknown', () => {
      expect(() => withWeights(DEFAULT_RANKING_MODEL, { indicators: { 'deals.unknown': 1 } })).toThrow('unknown indicator "deals.unknown"');
      expect(() => withWeights(DEFAULT_RANKING_MODEL, { pillars: { science: 1 } as never })).toThrow('unknown pillar "science"');
    });
  });

  describe('whatIfRanking', () => {
    it('should change nothing when no weight changes', () => {
      const { ranking, moves } = whatIfRanking(DEFAULT_RANKING_MODEL, PANZHIHUA, {});
      expect(ranking.entries).toEqual(computeRanking(DEFAULT_RANKING_MODEL, PANZHIHUA).entries);
      expect(moves.every((m) => m.change === 0)).toBe(true);
    });

    it('should move East District to the top when only S&T workers per resident count', () => {
      const supplyOnly = {
        pillars: { supply: 1, demand: 0, popsci: 0 },
        indicators: { 'listings.studio.count': 0, 'listings.capability.count': 0 },
      };
      const { model, ranking, moves } = whatIfRanking(DEFAULT_RANKING_MODEL, PANZHIHUA, supplyOnly);
      expect(model.version).toBe('tianfu-index-2021.1+what-if');
      expect(ranking.modelVersion).toBe('tianfu-index-2021.1+what-if');
      expect(ranking.entries[0]).toMatchObject({ division: '510402', rank: 1, score: 100 });
      expect(moves[0]).toMatchObject({ division: '510402', name: '东区', before: 2, after: 1, change: 1, scoreAfter: 100 });
      expect(moves.find((m) => m.division === '510403')).toMatchObject({ before: 1, after: 2, change: -1 });
    });

    it('should keep every score equal to the sum of its contributions after a change', () => {
      const { ranking } = whatIfRanking(DEFAULT_RANKING_MODEL, PANZHIHUA, { pillars: { supply: 7, demand: 11, popsci: 13 } });
      for (const entry of ranking.entries) {
        const total = entry.contributions.reduce((s, c) => s + Math.round(c.points * 100), 0);
        expect(total).toBe(Math.round(entry.score * 100));
      }
    });

    it('should compare against a baseline the caller already has', () => {
      const baseline = computeRanking(DEFAULT_RANKING_MODEL, PANZHIHUA);
      const { moves } = whatIfRanking(DEFAULT_RANKING_MODEL, PANZHIHUA, { pillars: { popsci: 0 } }, baseline);
      expect(moves.map((m) => m.scoreBefore).sort()).toEqual(baseline.entries.map((e) => e.score).sort());
    });

    it('should throw naming the field when the new weights make the model invalid', () => {
      expect(() => whatIfRanking(DEFAULT_RANKING_MODEL, PANZHIHUA, { pillars: { demand: -5 } })).toThrow(/pillars\.demand\.weight/);
      const model: RankingModel = { ...DEFAULT_RANKING_MODEL };
      const allDemandOff = Object.fromEntries(model.indicators.filter((i) => i.pillar === 'demand').map((i) => [i.id, 0]));
      expect(() => whatIfRanking(model, PANZHIHUA, { indicators: allDemandOff })).toThrow(/pillar demand has weight 40/);
    });

    it('should throw when the baseline lacks a division', () => {
      const baseline = computeRanking(DEFAULT_RANKING_MODEL, PANZHIHUA.slice(1));
      expect(() => whatIfRanking(DEFAULT_RANKING_MODEL, PANZHIHUA, {}, baseline)).toThrow(/not in the baseline/);
    });
  });
});
