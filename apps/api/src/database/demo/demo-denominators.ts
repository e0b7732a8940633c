// West District's figures are the seed's (2021 部门决算: 14.9万 residents, 68 规上企业);
// the other Panzhihua divisions carry plausible estimates, labelled as such.
export const SEED_SOURCE = '2021年西区科协部门决算 (seed)';
export const ESTIMATE_SOURCE = '演示估算 (demo estimate)';

const BY_YEAR_2021: ReadonlyArray<{
  divisionCode: string;
  year: number;
  population: number | null;
  households: number | null;
  villages: number | null;
  enterprisesAboveScale: number | null;
  source: string;
}> = [
  // The seed gives no household or village count for West District (domain.md §7.10): estimates.
  { divisionCode: '510403', year: 2021, population: 149_000, households: 58_000, villages: 34, enterprisesAboveScale: 68, source: `${SEED_SOURCE}; 户数、村(社区)数为演示估算` },
  { divisionCode: '510402', year: 2021, population: 338_000, households: 131_000, villages: 58, enterprisesAboveScale: 112, source: ESTIMATE_SOURCE },
  { divisionCode: '510411', year: 2021, population: 241_000, households: 89_000, villages: 96, enterprisesAboveScale: 74, source: ESTIMATE_SOURCE },
  { divisionCode: '510421', year: 2021, population: 220_000, households: 76_000, villages: 91, enterprisesAboveScale: 41, source: ESTIMATE_SOURCE },
  { divisionCode: '510422', year: 2021, population: 194_000, households: 66_000, villages: 88, enterprisesAboveScale: 47, source: ESTIMATE_SOURCE },
];

/** 2021 as above; 2020 and 2022 carry the same figures (the ranking needs denominators for every year with data). */
export const DEMO_DENOMINATORS = [2020, 2021, 2022].flatMap((year) => BY_YEAR_2021.map((row) => ({ ...row, year })));
