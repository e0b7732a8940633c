import { Logger } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { OTHER_PANZHIHUA_DIVISIONS, PLATFORM_LAUNCH, WEST_DISTRICT, WEST_DISTRICT_SEED } from './platform-demo-seed.js';
import { DealsRepository } from '../../platform/deals.repository.js';
import { ListingsRepository } from '../../platform/listings.repository.js';
import { PopsciServicesRepository } from '../../platform/popsci-services.repository.js';
import { RegistrationsRepository } from '../../platform/registrations.repository.js';
import { DEMO_SOURCE, type DealFact, type ListingFact, type PopsciServiceFact, type RegistrationFact } from '../../platform/platform-facts.js';
import { shanghaiDay } from '@app/kpi-core';
import {
  type DealKind,
  LISTING_KINDS,
  type ListingKind,
  POPSCI_CHANNELS,
  type PopsciChannel,
  REGISTRATION_TYPES,
  type RegistrationType,
} from '@app/contracts';

export interface PlatformDemoData {
  deals: DealFact[];
  listings: ListingFact[];
  registrations: RegistrationFact[];
  popsci: PopsciServiceFact[];
}

type Rng = () => number;

/** mulberry32: a small seeded PRNG, so every demo load is identical. */
function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `total` split into `weights.length` non-negative integers (each ≥ min) that sum to it exactly. */
export function splitExactly(total: number, weights: readonly number[], min = 0): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const free = total - min * n;
  if (free < 0) throw new RangeError(`cannot split ${total} into ${n} parts of at least ${min}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (free * w) / sum);
  const parts = raw.map(Math.floor);
  let rest = free - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k = (k + 1) % n, rest--) parts[order[k][1]]++;
  return parts.map((p) => p + min);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

interface Month {
  year: number;
  month: number;
  /** First day of the month with data (the launch month starts on the 16th). */
  firstDay: number;
}

function months(from: string, to: string): Month[] {
  const out: Month[] = [];
  let [year, month] = from.split('-').map(Number);
  const [toYear, toMonth] = to.split('-').map(Number);
  for (; year < toYear || (year === toYear && month <= toMonth); month === 12 ? ((month = 1), year++) : month++) {
    const day = `${year}-${pad(month)}` === PLATFORM_LAUNCH.slice(0, 7) ? Number(PLATFORM_LAUNCH.slice(8)) : 1;
    out.push({ year, month, firstDay: day });
  }
  return out;
}

const dayIn = (m: Month, rng: Rng) => `${m.year}-${pad(m.month)}-${pad(m.firstDay + Math.floor(rng() * (daysIn(m.year, m.month) - m.firstDay + 1)))}`;
/** Weights that grow over the months (the platform was taking off), with noise. */
const growing = (list: readonly Month[], rng: Rng) => list.map((_, i) => (1 + i * 0.08) * (0.7 + rng() * 0.6));
const toYuan = (units: number, unitYuan: number) => `${(BigInt(units) * BigInt(unitYuan)).toString()}.00`;

const DEMANDERS = ['攀钢集团有限公司', '攀枝花钒钛高新区某企业', '西区格里坪镇', '攀枝花学院', '某钛白粉有限公司', '某农业合作社', '某社区卫生服务中心'];
const PROVIDERS = ['西区天府科技云服务中心', '攀枝花市科技服务有限公司', '四川某检测技术有限公司', '攀枝花学院科技处', '某工程技术研究院'];
const TITLES: Record<DealKind, string[]> = {
  tech_service: ['钒钛材料检测服务', '工艺优化技术咨询', '设备节能诊断', '知识产权代理服务', '芒果种植技术指导', '安全生产技术服务'],
  achievement_transfer: ['钛渣综合利用技术成果转化'],
  research_project: ['钒钛资源综合利用研究', '尾矿库生态修复研究', '攀西康养产业研究'],
};

class DemoBuilder {
  readonly data: PlatformDemoData = { deals: [], listings: [], registrations: [], popsci: [] };
  private seq = 0;

  constructor(private readonly rng: Rng) {}

  private id(prefix: string, division: string) {
    return `DEMO-${prefix}-${division}-${pad(++this.seq, 6)}`;
  }

  /** `count` deals of `kind` over `list`, amounts (in `unitYuan` units) summing to `totalUnits`. */
  deals(division: string, kind: DealKind, list: readonly Month[], count: number, totalUnits: number, unitYuan: number) {
    if (count === 0) return;
    const perMonth = splitExactly(count, growing(list, this.rng));
    const amounts = splitExactly(totalUnits, Array.from({ length: count }, () => 0.2 + this.rng() ** 2 * 3), 1);
    let k = 0;
    list.forEach((m, i) => {
      for (let j = 0; j < perMonth[i]; j++, k++) {
        this.data.deals.push({
          externalId: this.id('D', division), kind, divisionCode: division, dealDate: dayIn(m, this.rng),
          amountYuan: toYuan(amounts[k], unitYuan),
          demander: DEMANDERS[Math.floor(this.rng() * DEMANDERS.length)],
          provider: PROVIDERS[Math.floor(this.rng() * PROVIDERS.length)],
          title: TITLES[kind][Math.floor(this.rng() * TITLES[kind].length)],
        });
      }
    });
  }

  listings(division: string, kind: ListingKind, list: readonly Month[], count: number) {
    splitExactly(count, growing(list, this.rng)).forEach((n, i) => {
      for (let j = 0; j < n; j++) this.data.listings.push({ externalId: this.id('L', division), kind, divisionCode: division, listedDate: dayIn(list[i], this.rng) });
    });
  }

  registrations(division: string, list: readonly Month[], count: number) {
    const byType = splitExactly(count, [0.2, 0.08, 0.7, 0.02]);
    REGISTRATION_TYPES.forEach((userType: RegistrationType, t) => {
      splitExactly(byType[t], growing(list, this.rng)).forEach((n, i) => {
        for (let j = 0; j < n; j++) {
          this.data.registrations.push({ externalId: this.id('U', division), userType, divisionCode: division, registeredDate: dayIn(list[i], this.rng) });
        }
      });
    });
  }

  /** Three service days per month and channel; households and person-times summing exactly. */
  popsci(division: string, list: readonly Month[], households: number, personTimes: number) {
    const slots: Array<{ day: string; channel: PopsciChannel }> = [];
    for (const m of list) {
      const span = daysIn(m.year, m.month) - m.firstDay + 1;
      POPSCI_CHANNELS.forEach((channel, c) => {
        for (let s = 0; s < 3; s++) {
          const day = m.firstDay + Math.min(span - 1, Math.floor((span * s) / 3) + ((c + s) % Math.max(1, Math.floor(span / 3))));
          slots.push({ day: `${m.year}-${pad(m.month)}-${pad(day)}`, channel });
        }
      });
    }
    const unique = [...new Map(slots.map((slot) => [`${slot.day}|${slot.channel}`, slot])).values()];
    const channelWeight: Record<PopsciChannel, number> = { sms: 3, app: 2, web: 1, wechat: 4, offline: 1.5 };
    const weights = unique.map((slot) => channelWeight[slot.channel] * (0.6 + this.rng() * 0.8));
    const houses = splitExactly(households, weights);
    const visits = splitExactly(personTimes, weights);
    unique.forEach((slot, i) => {
      this.data.popsci.push({ divisionCode: division, serviceDate: slot.day, channel: slot.channel, households: houses[i], personTimes: visits[i] });
    });
  }
}

/** A seed per division and month, so a month's generated facts never depend on how far the demo runs. */
const monthSeed = (division: string, m: Month) => (Math.imul(Number(division), 2_654_435_761) ^ (m.year * 100 + m.month)) >>> 0;
const between = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

/**
 * One month of a mature platform (2022 on): registrations ~15–35, deals ~10–25, a few listings,
 * 科普 on 3 service days per channel. Ids carry the month (DEMO-U-510403-202201-0001).
 */
function matureMonth(data: PlatformDemoData, division: string, m: Month, scale: number): void {
  const rng = seededRng(monthSeed(division, m));
  const ym = `${m.year}${pad(m.month)}`;
  let seq = 0;
  const id = (prefix: string) => `DEMO-${prefix}-${division}-${ym}-${pad(++seq, 4)}`;
  const size = Math.min(1, Math.max(0.5, scale));
  const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)];

  const dealCounts: Array<[DealKind, number, () => number, number]> = [
    ['tech_service', Math.round(between(rng, 10, 21) * size), () => 500 + Math.floor(rng() ** 2 * 8_000), 100],
    ['research_project', rng() < 0.6 * size ? between(rng, 1, 2) : 0, () => 300 + Math.floor(rng() * 3_000), 10_000],
    ['achievement_transfer', rng() < 0.15 ? 1 : 0, () => 50 + Math.floor(rng() * 200), 10_000],
  ];
  for (const [kind, count, units, unitYuan] of dealCounts) {
    for (let i = 0; i < count; i++) {
      data.deals.push({
        externalId: id('D'), kind, divisionCode: division, dealDate: dayIn(m, rng), amountYuan: toYuan(units(), unitYuan),
        demander: pick(DEMANDERS), provider: pick(PROVIDERS), title: pick(TITLES[kind]),
      });
    }
  }
  const listingCounts: Record<ListingKind, number> = {
    need: between(rng, 2, 6), capability: between(rng, 1, 4), achievement: between(rng, 0, 2),
    research_project: between(rng, 1, 3), studio: rng() < 0.2 ? 1 : 0, sharing_base: rng() < 0.1 ? 1 : 0,
  };
  for (const kind of LISTING_KINDS) {
    for (let i = 0; i < listingCounts[kind]; i++) data.listings.push({ externalId: id('L'), kind, divisionCode: division, listedDate: dayIn(m, rng) });
  }
  const registrations = Math.round(between(rng, 15, 35) * size);
  const typeWeights = [0.2, 0.08, 0.7, 0.02];
  for (let i = 0; i < registrations; i++) {
    let r = rng();
    let t = 0;
    while (t < typeWeights.length - 1 && r >= typeWeights[t]) r -= typeWeights[t++];
    data.registrations.push({ externalId: id('U'), userType: REGISTRATION_TYPES[t], divisionCode: division, registeredDate: dayIn(m, rng) });
  }
  const span = daysIn(m.year, m.month);
  POPSCI_CHANNELS.forEach((channel, c) => {
    for (let s = 0; s < 3; s++) {
      const day = 1 + Math.floor((span * s) / 3) + ((c + s) % Math.floor(span / 3));
      data.popsci.push({
        divisionCode: division, serviceDate: `${m.year}-${pad(m.month)}-${pad(day)}`, channel,
        households: Math.round(between(rng, 3, 12) * size), personTimes: Math.round(between(rng, 1_500, 4_000) * size),
      });
    }
  });
}

/**
 * The demo platform facts: West District's facts from the launch (2020-07-16) to 2021-11 sum EXACTLY
 * to the seed's running totals (WEST_DISTRICT_SEED), plus a generated 2021-12, and 2020-07..2021-12
 * for the other four Panzhihua divisions; then, for all five, a mature platform's smaller monthly
 * volumes from 2022-01 to `until`'s month (facts dated after `until` left out). Deterministic for a
 * given `until` (seeded), and each month's facts are the same whatever `until` is.
 */
export function generatePlatformDemo(until: string = shanghaiDay(new Date())): PlatformDemoData {
  const builder = new DemoBuilder(seededRng(20211130));
  const seed = WEST_DISTRICT_SEED;
  // The seed's figures are totals since the launch (截至2021年11月): they span 2020-07..2021-11.
  const seedMonths = months('2020-07', '2021-11');
  const west = WEST_DISTRICT;

  builder.deals(west, 'tech_service', seedMonths, seed.techService.count, Number(seed.techService.amountYuan.slice(0, -3)) / 100, 100);
  builder.deals(west, 'achievement_transfer', seedMonths.slice(14, 15), seed.achievementTransfer.count, Number(seed.achievementTransfer.amountYuan.slice(0, -3)) / 10_000, 10_000);
  builder.deals(west, 'research_project', seedMonths, seed.researchProject.count, Number(seed.researchProject.amountYuan.slice(0, -3)) / 10_000, 10_000);
  builder.listings(west, 'research_project', seedMonths, seed.researchProjectsPublished);
  builder.listings(west, 'sharing_base', seedMonths, seed.sharingBasesListed);
  builder.registrations(west, seedMonths, seed.registeredUsers);
  builder.popsci(west, seedMonths, seed.popsciHouseholds, seed.popsciPersonTimes);
  const otherListings: Array<[ListingKind, number]> = [['need', 64], ['capability', 41], ['achievement', 12], ['studio', 4]];
  for (const [kind, count] of otherListings) builder.listings(west, kind, seedMonths, count);

  // Around the seed period, and the other divisions: the same kind of activity, scaled.
  const generated = (division: string, list: readonly Month[], scale: number) => {
    const perMonth = (yearly: number) => Math.max(0, Math.round(((yearly * list.length) / 11) * scale));
    builder.deals(division, 'tech_service', list, perMonth(216), perMonth(216) * 4_000 + 1, 100);
    builder.deals(division, 'achievement_transfer', list, perMonth(1.2), perMonth(1.2) * 120 + 1, 10_000);
    builder.deals(division, 'research_project', list, perMonth(10), perMonth(10) * 3_000 + 1, 10_000);
    for (const kind of LISTING_KINDS) {
      const yearly: Record<ListingKind, number> = { need: 64, capability: 41, achievement: 12, research_project: 30, studio: 4, sharing_base: 7 };
      builder.listings(division, kind, list, perMonth(yearly[kind]));
    }
    builder.registrations(division, list, perMonth(7585));
    builder.popsci(division, list, perMonth(1723), perMonth(691_200));
  };
  generated(west, months('2021-12', '2021-12'), 1.05);
  for (const { code, scale } of OTHER_PANZHIHUA_DIVISIONS) generated(code, months('2020-07', '2021-12'), scale);

  const data = builder.data;
  if (until >= '2022-01-01') {
    for (const { code, scale } of [{ code: west, scale: 1 }, ...OTHER_PANZHIHUA_DIVISIONS]) {
      for (const m of months('2022-01', until.slice(0, 7))) matureMonth(data, code, m, scale);
    }
  }
  // Nothing after `until` (the current month is only partly over).
  return {
    deals: data.deals.filter((d) => d.dealDate <= until),
    listings: data.listings.filter((l) => l.listedDate <= until),
    registrations: data.registrations.filter((r) => r.registeredDate <= until),
    popsci: data.popsci.filter((p) => p.serviceDate <= until),
  };
}

/** Writes the demo platform facts (source 'demo') with the same bulk upserts as the imports. */
export async function loadPlatformDemo(manager: EntityManager, until?: string): Promise<void> {
  const started = performance.now();
  const data = generatePlatformDemo(until);
  const generatedMs = performance.now() - started;
  await new DealsRepository().upsertDeals(manager, DEMO_SOURCE, null, data.deals);
  await new ListingsRepository().upsertListings(manager, DEMO_SOURCE, null, data.listings);
  await new RegistrationsRepository().upsertRegistrations(manager, DEMO_SOURCE, null, data.registrations);
  await new PopsciServicesRepository().upsertServiceCounts(manager, DEMO_SOURCE, null, data.popsci);
  // The seed's own running total (T9), as a source that reports only totals would give it.
  await manager.query(
    `INSERT INTO cumulative_observation (source, division_code, metric_code, as_of, value) VALUES ($1, $2, 'deals.total.amount', $3, $4)`,
    [DEMO_SOURCE, WEST_DISTRICT, WEST_DISTRICT_SEED.asOf, WEST_DISTRICT_SEED.cumulativeTransactionAmountYuan],
  );
  const rows = data.deals.length + data.listings.length + data.registrations.length + data.popsci.length;
  new Logger('PlatformDemo').log({ rows, generatedMs: Math.round(generatedMs), totalMs: Math.round(performance.now() - started) }, 'Demo platform facts loaded');
}
