// West District (510403) 2021 budget projects from the seed (2021 部门决算, 附件2–4), figures in 元.
// Payments are a plausible monthly history whose totals equal the seed's executed amounts exactly:
// 天府科技云 上级 156,688.30 of 180,000 and 本级 0 of 164,702 (附件2); 全民科学素质 5,000 of 5,000 (附件3,
// the 政府性基金 item of §八); 科普经费 10,000 of 10,000 paid as five events of 2,000 (附件4).
import { type FundType, type FundingSource, type IndicatorBindingKind, type ProjectCategory } from '@app/contracts';
import { type IndicatorDirection, type IndicatorLevel2, type QualitativeTier } from '@app/kpi-core';

export interface DemoLine {
  source: FundingSource;
  fundType: FundType;
  label?: string;
  initialBudget: string;
  adjustedBudget: string;
  carriedIn?: string;
  reason?: string;
  /** [day, amount 元, functional code, economic code, memo] */
  payments: Array<[string, string, string, string, string]>;
}

export interface DemoIndicator {
  level2: IndicatorLevel2;
  name: string;
  direction: IndicatorDirection;
  targetValue?: string;
  targetText?: string;
  unit?: string;
  actualValue?: string;
  actualText?: string;
  tier?: QualitativeTier;
  reason?: string;
  binding?: { kind: IndicatorBindingKind; metricCode?: string; eventType?: string };
}

export interface DemoProject {
  code: string;
  name: string;
  aliases: string[];
  category: ProjectCategory;
  supervisingUnit: string;
  implementingUnit: string;
  lines: DemoLine[];
  indicators: DemoIndicator[];
  expectedGoal: string;
  achievedGoal: string;
}

const SUPERVISOR = '攀枝花市西区财政局';
const IMPLEMENTER = '攀枝花市西区科学技术协会';

export const BUDGET_DEMO_DIVISION = '510403';
export const BUDGET_DEMO_YEAR = 2021;

export const BUDGET_DEMO_PROJECTS: readonly DemoProject[] = [
  {
    code: '510403-2021-KJY',
    name: '攀枝花市西区天府科技云服务中心运维服务项目',
    aliases: ['天府科技云运维项目', '攀枝花市西区天府科技云服务中心建设及运维服务项目'],
    category: 'project',
    supervisingUnit: SUPERVISOR,
    implementingUnit: IMPLEMENTER,
    expectedGoal: '保障科协“天府科技云”相关工作顺利开展',
    achievedGoal: '西区“天府科技云”工作绩效排名靠前',
    lines: [
      {
        source: 'superior',
        fundType: 'general',
        label: '上级财政资金（省级天府科技云服务中心专项）',
        initialBudget: '180000.00',
        adjustedBudget: '180000.00',
        payments: [
          ['2021-01-28', '12000.00', '2060799', '30227', '天府科技云服务中心运维服务费（1月）'],
          ['2021-02-26', '12000.00', '2060799', '30227', '天府科技云服务中心运维服务费（2月）'],
          ['2021-03-30', '18560.00', '2060799', '30202', '天府科技云宣传资料、书籍印制'],
          ['2021-04-28', '12000.00', '2060799', '30227', '天府科技云服务中心运维服务费（4月）'],
          ['2021-05-27', '9800.00', '2060799', '30216', '天府科技云平台推广培训'],
          ['2021-06-29', '12000.00', '2060799', '30227', '天府科技云服务中心运维服务费（6月）'],
          ['2021-07-29', '12000.00', '2060799', '30227', '天府科技云服务中心运维服务费（7月）'],
          ['2021-08-30', '15328.30', '2060799', '30213', '服务中心设备维护'],
          ['2021-09-28', '12000.00', '2060799', '30227', '天府科技云服务中心运维服务费（9月）'],
          ['2021-10-28', '12000.00', '2060799', '30227', '天府科技云服务中心运维服务费（10月）'],
          ['2021-11-29', '17000.00', '2060799', '30227', '天府科技云科普讲座'],
          ['2021-12-24', '12000.00', '2060799', '30227', '天府科技云服务中心运维服务费（12月）'],
        ],
      },
      {
        source: 'local',
        fundType: 'general',
        label: '本级财政资金（区级专项）',
        initialBudget: '164702.00',
        adjustedBudget: '164702.00',
        // 附件2 §二(二)3, the seed's own explanation.
        reason: '因天府科技云服务中心运行优先使用省级专项资金，故未使用区级专项资金。',
        payments: [],
      },
    ],
    indicators: [
      { level2: 'quantity', name: '城乡群众可获取平台精准科普信息服务', direction: 'qual', targetText: '城乡群众可获取平台精准科普信息服务', actualText: '服务人数占比达到城乡群众人数的30%', tier: 'met', binding: { kind: 'metric', metricCode: 'popsci.households' } },
      { level2: 'quality', name: '科技服务更加精准、便捷', direction: 'qual', targetText: '科技服务更加精准、便捷', actualText: '平台智能匹配“科技所需”与“科技所能”', tier: 'met' },
      { level2: 'timeliness', name: '2021年全年', direction: 'qual', targetText: '2021年全年', actualText: '“天府科技云服务”平台建立推广', tier: 'met' },
      { level2: 'cost', name: '344702元经费', direction: '<=', targetValue: '344702', unit: '元', actualValue: '156688.3', reason: '164702元为本级财政补助经费，未使用' },
      { level2: 'economic', name: '通过“天府科技云服务”平台，为科技供需双方建立规范化的信息平台', direction: 'qual', targetText: '通过“天府科技云服务”平台，为科技供需双方建立规范化的信息平台', actualText: '实现科技服务的市场化、精准化、便捷化、智能化', tier: 'met' },
      { level2: 'satisfaction', name: '科普服务更加智能精准畅达', direction: 'qual', targetText: '科普服务更加智能精准畅达', actualText: '实现“智慧科普、精准科普、直通科普”', tier: 'met' },
    ],
  },
  {
    code: '510403-2021-QMKXSZ',
    name: '全民科学素质行动计划',
    aliases: ['全民科学素质行动计划项目', '全民科学素质项目'],
    category: 'project',
    supervisingUnit: SUPERVISOR,
    implementingUnit: IMPLEMENTER,
    expectedGoal: '实施全民科学素质行动，提高全区居民科学素质',
    achievedGoal: '成功开展了多次科普宣传活动',
    lines: [
      {
        source: 'local',
        fundType: 'gov_fund',
        label: '本级财政资金（政府性基金）',
        initialBudget: '5000.00',
        adjustedBudget: '5000.00',
        payments: [
          ['2021-05-20', '2500.00', '22960', '30202', '制作宣传标语、牌板、横幅、宣传资料、宣传品'],
          ['2021-09-22', '2500.00', '22960', '30216', '开展科普宣传培训活动'],
        ],
      },
    ],
    // Four rows set an 8% literacy target and report only "完成": kept without a numeric actual (IC-14).
    indicators: [
      { level2: 'quantity', name: '开展全民科学素质计划行动', direction: '>=', targetValue: '8', targetText: '全区具备科学素质比例达到8%', unit: '%', actualText: '完成' },
      { level2: 'quality', name: '促进全民科学素质整体提升', direction: 'qual', targetText: '全民科学素质显著提升', actualText: '完成', tier: 'met' },
      { level2: 'timeliness', name: '到2021年公民科学素质在整体上有较大幅度的提高', direction: '>=', targetValue: '8', targetText: '全区公民具备科学素质的比例达到8%', unit: '%', actualText: '完成' },
      { level2: 'cost', name: '5000元', direction: '<=', targetValue: '5000', unit: '元', actualValue: '5000' },
      { level2: 'social', name: '到2020年公民科学素质在整体上有较大幅度的提高', direction: '>=', targetValue: '8', targetText: '全区公民具备科学素质的比例达到8%', unit: '%', actualText: '完成' },
      { level2: 'satisfaction', name: '科学技术教育、传播与普及长足发展，公民科学素质在整体上有较大幅度的提高', direction: '>=', targetValue: '8', targetText: '全区公民具备科学素质的比例达到8%', unit: '%', actualText: '完成' },
    ],
  },
  {
    code: '510403-2021-KPJF',
    name: '科普经费',
    aliases: ['科普经费项目'],
    category: 'project',
    supervisingUnit: SUPERVISOR,
    implementingUnit: IMPLEMENTER,
    expectedGoal: '开展科普活动，进行科普宣传',
    // The seed's overall row says 4 while its 数量 row says 5 (IC-09); the events binding counts the approved ones.
    achievedGoal: '全年开展4次科普活动',
    lines: [
      {
        source: 'local',
        fundType: 'general',
        label: '本级财政资金（科普经费）',
        initialBudget: '10000.00',
        adjustedBudget: '10000.00',
        payments: [
          ['2021-02-09', '2000.00', '2060702', '30299', '春节科普宣传进社区'],
          ['2021-03-18', '2000.00', '2060702', '30202', '“科技之春”科普宣传月宣传资料'],
          ['2021-06-02', '2000.00', '2060702', '30299', '2021年科技活动周'],
          ['2021-06-04', '2000.00', '2060702', '30299', '全国科技工作者日座谈会'],
          ['2021-09-24', '2000.00', '2060702', '30299', '2021年全国科普日主场活动'],
        ],
      },
    ],
    indicators: [
      { level2: 'quantity', name: '开展5次科普宣传', direction: '>=', targetValue: '5', unit: '次', actualValue: '5', binding: { kind: 'events' } },
      { level2: 'quality', name: '开展科普宣传提高科普素质', direction: 'qual', targetText: '开展5次科普宣传', actualText: '完成', tier: 'met' },
      { level2: 'timeliness', name: '2021年1-12月', direction: '=', targetValue: '12', unit: '个月', actualValue: '12' },
      { level2: 'cost', name: '10000元', direction: '<=', targetValue: '10000', unit: '元', actualValue: '10000' },
      { level2: 'social', name: '传播科学知识', direction: 'qual', targetText: '传播科学知识', actualText: '完成', tier: 'met' },
      { level2: 'social', name: '提高群众科学素养', direction: 'qual', targetText: '提高群众科学素养', actualText: '完成', tier: 'met' },
      { level2: 'satisfaction', name: '营造爱科学、讲科学的社会氛围', direction: 'qual', targetText: '营造爱科学、讲科学的社会氛围', actualText: '完成', tier: 'met' },
    ],
  },
];
