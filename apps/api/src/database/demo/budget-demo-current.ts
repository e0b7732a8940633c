// West District's projects of the current year, paid month by month up to today, so that the
// budget page shows a year in progress against 序时进度 (the seed's 2021 is a closed year):
// the 天府科技云 project behind the pace (本级 money started late, as in the seed's year), 科普经费
// paid per campaign event (2,000 元 each, from the events demo), 全民科学素质 spent in full. The
// indicators are the 2021 ones without their year-end actuals (entered at the self-evaluation);
// those bound to platform metrics or to events fill themselves in.
import { addDays } from '@app/kpi-core';
import { BUDGET_DEMO_PROJECTS, type DemoIndicator, type DemoLine, type DemoProject } from './budget-demo-seed.js';
import { POPSCI_FUND_EVENT_COST, recentDistrictEvents } from './events-demo.js';

type Payment = DemoLine['payments'][number];

const byCode = (suffix: string): DemoProject => BUDGET_DEMO_PROJECTS.find((p) => p.code.endsWith(suffix))!;

/** The 2021 indicators for `year`: the same targets, no year-end actuals (bound ones compute their own). */
function openIndicators(indicators: readonly DemoIndicator[], year: number): DemoIndicator[] {
  return indicators.map((i) => ({
    level2: i.level2,
    name: i.name.replaceAll('2021', String(year)),
    direction: i.direction,
    targetValue: i.targetValue,
    targetText: i.targetText?.replaceAll('2021', String(year)),
    unit: i.unit,
    binding: i.binding,
  }));
}

/** West District's projects of `today`'s year with the payments made by `today`. */
export function currentYearBudgetProjects(today: string): DemoProject[] {
  const year = Number(today.slice(0, 4));
  const y = String(year);
  const paidBy = (payments: Payment[]) => payments.filter(([day]) => day <= today);
  const monthly = (day: number, amount: string, memo: (m: number) => string): Payment[] =>
    Array.from({ length: 12 }, (_, i) => [`${y}-${String(i + 1).padStart(2, '0')}-${day}`, amount, '2060799', '30227', memo(i + 1)]);

  const cloud = byCode('KJY');
  const literacy = byCode('QMKXSZ');
  const fund = byCode('KPJF');
  // 科普经费 pays each campaign event ten days after it (the events demo marks them popsciFund).
  const fundEvents = recentDistrictEvents(today).filter((e) => e.division === '510403' && e.popsciFund && e.start.startsWith(y));

  return [
    {
      ...cloud,
      code: `510403-${y}-KJY`,
      achievedGoal: '',
      lines: [
        {
          ...cloud.lines[0],
          reason: undefined,
          payments: paidBy([
            ...monthly(28, '12000.00', (m) => `天府科技云服务中心运维服务费（${m}月）`),
            [`${y}-03-30`, '18560.00', '2060799', '30202', '天府科技云宣传资料、书籍印制'],
            [`${y}-08-30`, '15328.30', '2060799', '30213', '服务中心设备维护'],
          ]),
        },
        {
          ...cloud.lines[1],
          reason: undefined,
          payments: paidBy([
            [`${y}-07-15`, '40000.00', '2060799', '30214', '天府科技云服务中心场地租赁'],
            [`${y}-10-20`, '30000.00', '2060799', '30216', '天府科技云平台推广活动'],
            [`${y}-12-20`, '60000.00', '2060799', '30227', '天府科技云服务中心运维服务费（区级）'],
          ]),
        },
      ],
      indicators: openIndicators(cloud.indicators, year),
    },
    {
      ...literacy,
      code: `510403-${y}-QMKXSZ`,
      achievedGoal: '',
      lines: [{ ...literacy.lines[0], payments: paidBy(literacy.lines[0].payments.map(([day, ...rest]) => [`${y}${day.slice(4)}`, ...rest] as Payment)) }],
      indicators: openIndicators(literacy.indicators, year),
    },
    {
      ...fund,
      code: `510403-${y}-KPJF`,
      achievedGoal: '',
      lines: [
        {
          ...fund.lines[0],
          payments: paidBy(fundEvents.map((e) => [addDays(e.start, 10), POPSCI_FUND_EVENT_COST, '2060702', '30299', e.title] as Payment).filter(([day]) => day.startsWith(y))),
        },
      ],
      indicators: openIndicators(fund.indicators, year),
    },
  ];
}
