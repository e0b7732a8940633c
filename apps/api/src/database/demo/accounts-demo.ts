import { type EntityManager } from 'typeorm';
import { type SelfEvaluationCheckRequest } from '@app/contracts';
import { type AccountsFigureInput, type AccountsStatementInput, type AnnexTableInput } from '@app/kpi-core';
import { AccountsAnnexTableEntity } from '../../accounts/entities/accounts-annex-table.entity.js';
import { AccountsFigureEntity } from '../../accounts/entities/accounts-figure.entity.js';
import { AccountsStatementEntity } from '../../accounts/entities/accounts-statement.entity.js';

// The seed's 2021 final accounts of 攀枝花市西区科学技术协会 (domain.md §2, the seed text), carried in our own
// files. The seed holds only the narrative, not the 14 tables: a figure below is what the tables must hold,
// taken from the sentence that states it (or derived where domain.md §2.3 derives it: 本年收入合计 58.77);
// the statements are the narrative's figures as printed, where they stand. The annexed tables are printed
// as they are, including their mistakes, so that a check finds IC-01 … IC-19 (domain.md §2.8).

export const ACCOUNTS_DEMO_DIVISION = '510403';
export const ACCOUNTS_DEMO_YEAR = 2021;

type Figure = AccountsFigureInput & { source: string };
const wan = (section: string, code: string, label: string, amount: string, source: string): Figure => ({ section, code, label, amount, unit: '万元', source });

export const ACCOUNTS_DEMO_FIGURES: readonly Figure[] = [
  // 表1 收入支出决算总表
  wan('income', 'total', '收入总计', '74.44', '第二部分 一'),
  wan('income', 'this_year', '本年收入合计', '58.77', '表1 (58.27 + 0.50, domain.md §2.3)'),
  wan('income', 'general_public', '一般公共预算财政拨款收入', '58.27', '第二部分 二'),
  wan('income', 'gov_fund', '政府性基金预算财政拨款收入', '0.50', '第二部分 二'),
  wan('income', 'state_capital', '国有资本经营预算财政拨款收入', '0.00', '第二部分 九'),
  wan('income', 'carry_over_start', '年初结转和结余', '15.67', '第二部分 二'),
  wan('expenditure', 'total', '本年支出合计', '74.44', '第二部分 三'),
  wan('expenditure', 'basic', '基本支出', '57.27', '第二部分 三'),
  wan('expenditure', 'project', '项目支出', '17.17', '第二部分 三'),
  wan('expenditure', 'carry_over_end', '年末结转和结余', '0.00', '表1 (收支总计 74.44 = 本年支出合计 74.44)'),
  // 表6 一般公共预算财政拨款支出决算表
  wan('gpb', 'total', '一般公共预算财政拨款支出', '73.94', '第二部分 五(一)'),
  wan('gpb', 'basic', '一般公共预算财政拨款基本支出', '57.27', '第二部分 五(一)'),
  wan('gpb', 'project', '一般公共预算财政拨款项目支出', '16.67', '第二部分 五(一)'),
  wan('gpb_by_function', '206', '科学技术支出', '61.96', '第二部分 五(三)'),
  wan('gpb_by_function', '208', '社会保障和就业支出', '3.68', '第二部分 五(三)'),
  wan('gpb_by_function', '210', '卫生健康支出', '3.43', '第二部分 五(三)'),
  wan('gpb_by_function', '221', '住房保障支出', '4.86', '第二部分 五(三)'),
  wan('gpb_basic_by_function', '206', '科学技术支出（基本）', '45.30', '第二部分 五(二)'),
  wan('gpb_basic_by_function', '208', '社会保障和就业支出（基本）', '3.68', '第二部分 五(二)'),
  wan('gpb_basic_by_function', '210', '卫生健康支出（基本）', '3.43', '第二部分 五(二)'),
  wan('gpb_basic_by_function', '221', '住房保障支出（基本）', '4.86', '第二部分 五(二)'),
  // All project money of the general budget is 206 (domain.md §4.1: the split below 206 is not in the seed).
  wan('gpb_project_by_function', '206', '科学技术支出（项目）', '16.67', '第二部分 五(一)(二)'),
  // 表8 基本支出: 人员经费 / 公用经费
  wan('gpb_basic_economic', 'personnel', '人员经费', '52.12', '第二部分 六'),
  wan('gpb_basic_economic', 'public', '公用经费', '5.15', '第二部分 六'),
  // 表10 “三公”经费
  wan('three_public', 'total', '“三公”经费合计', '0.00', '第二部分 七(一)'),
  wan('three_public', 'overseas', '因公出国（境）费', '0.00', '第二部分 七(二)'),
  wan('three_public', 'vehicles', '公务用车购置及运行维护费', '0.00', '第二部分 七(二)'),
  wan('three_public', 'hospitality', '公务接待费', '0.00', '第二部分 七(二)'),
  wan('gov_fund', 'expenditure', '政府性基金预算支出（项目）', '0.50', '第二部分 八'),
  wan('state_capital', 'expenditure', '国有资本经营预算财政拨款支出', '0.00', '第二部分 九'),
  wan('other', 'office_operating', '机关运行经费', '5.15', '第二部分 十(一)'),
  wan('other', 'procurement', '政府采购支出', '0.00', '第二部分 十(二)'),
  // 附件1 部门整体: 预算数 / 执行数 (财政拨款)
  wan('budget', 'department', '部门预算数（财政拨款）', '72.87', '附件1 自评表'),
  wan('budget', 'executed', '部门执行数（财政拨款）', '74.44', '附件1 自评表'),
  // 表9 project expenditure by project (F7a: 15.67 + 0.50 + 1.00 = 17.17)
  wan('project_expenditure', 'cloud', '天府科技云运维项目支出', '15.67', '附件1 三(一)'),
  wan('project_expenditure', 'literacy', '全民科学素质行动计划项目支出', '0.50', '附件1 三(一)'),
  wan('project_expenditure', 'popsci', '科普经费项目支出', '1.00', '附件1 三(一)'),
  // 附件2 项目资金: printed under a “万元” header, the amounts are 元 (IC-07).
  wan('project_cloud', 'total_budget', '天府科技云 年度资金总额', '344702', '附件2 自评表'),
  wan('project_cloud', 'higher_budget', '天府科技云 上级财政资金预算', '180000', '附件2 自评表'),
  wan('project_cloud', 'higher_executed', '天府科技云 上级财政资金实际完成', '156688.3', '附件2 自评表'),
  wan('project_cloud', 'local_budget', '天府科技云 本级财政资金预算', '164702', '附件2 自评表'),
  wan('project_cloud', 'local_executed', '天府科技云 本级财政资金实际完成', '0', '附件2 自评表'),
  wan('project_literacy', 'local_budget', '全民科学素质 本级财政资金预算', '0.5', '附件3 自评表'),
  wan('project_literacy', 'local_executed', '全民科学素质 本级财政资金实际完成', '0.5', '附件3 自评表'),
  wan('project_popsci', 'local_budget', '科普经费 本级财政资金预算', '1', '附件4 自评表'),
  wan('project_popsci', 'local_executed', '科普经费 本级财政资金实际完成', '1', '附件4 自评表'),
  { section: 'project_popsci', code: 'events_held', label: '科普宣传活动次数（数量指标）', amount: '5', unit: '次', source: '附件4 数量指标“开展5次科普宣传”；二(二)3“开展5次科普宣传活动”' },
  // 天府科技云 platform, “截至今年11月” (as of 2021-11-30 assumed, IC-18)
  { section: 'platform', code: 'deals_tech_service', label: '科技服务成交笔数', amount: '216', unit: '笔', source: '第一部分 二.1' },
  wan('platform', 'deal_amount_tech_service', '科技服务成交金额', '9270.8', '第一部分 二.1'),
  { section: 'platform', code: 'deals_achievement', label: '科技成果转化笔数', amount: '1', unit: '笔', source: '第一部分 二.1' },
  wan('platform', 'deal_amount_achievement', '科技成果转化成交金额', '150', '第一部分 二.1'),
  { section: 'platform', code: 'deals_research', label: '科研项目成交笔数', amount: '12', unit: '笔', source: '第一部分 二.1' },
  wan('platform', 'deal_amount_research', '科研项目成交金额', '41790', '第一部分 二.1'),
  { section: 'platform', code: 'registered_users', label: '注册用户', amount: '7585', unit: '户', source: '第一部分 二.1' },
  { section: 'platform', code: 'cumulative_transactions', label: '累计交易额', amount: '2.32', unit: '亿元', source: '第一部分 二.1' },
  { section: 'platform', code: 'popsci_households', label: '精准科普服务群众数', amount: '1723', unit: '户', source: '第一部分 二.1' },
  { section: 'context', code: 'population', label: '西区人口', amount: '149000', unit: '人', source: '附件3 二(一)“西区14.9万人”' },
];

type Statement = AccountsStatementInput & { excerpt: string };
const s = (key: string, kind: Statement['kind'], figureKey: string, valueAsPrinted: string, unit: string, location: string, excerpt: string, baseKey: string | null = null): Statement =>
  ({ key, kind, figureKey, baseKey, valueAsPrinted, unit, location, excerpt });

export const ACCOUNTS_DEMO_STATEMENTS: readonly Statement[] = [
  s('p2-1-total', 'amount', 'income.total', '74.44', '万元', '第二部分 一', '2021年度收、支总计74.44万元'),
  s('p2-2-this-year', 'amount', 'income.this_year', '74.44', '万元', '第二部分 二', '2021年本年收入合计74.44万元'),
  s('p2-2-general', 'amount', 'income.general_public', '58.27', '万元', '第二部分 二', '一般公共预算财政拨款收入58.27万元'),
  s('p2-2-general-share', 'share', 'income.general_public', '78', '%', '第二部分 二', '一般公共预算财政拨款收入58.27万元，占78%', 'income.total'),
  s('p2-2-fund', 'amount', 'income.gov_fund', '0.5', '万元', '第二部分 二', '政府性基金预算财政拨款收入0.5万元'),
  s('p2-2-fund-share', 'share', 'income.gov_fund', '0.6', '%', '第二部分 二', '政府性基金预算财政拨款收入0.5万元，占0.6%', 'income.total'),
  s('p2-2-carry', 'amount', 'income.carry_over_start', '15.67', '万元', '第二部分 二', '年初结转结余15.67万元'),
  s('p2-2-carry-share', 'share', 'income.carry_over_start', '21', '%', '第二部分 二', '年初结转结余15.67万元，占21%', 'income.total'),
  s('p2-3-total', 'amount', 'expenditure.total', '74.44', '万元', '第二部分 三', '2021年本年支出合计74.44万元'),
  s('p2-3-basic', 'amount', 'expenditure.basic', '57.27', '万元', '第二部分 三', '基本支出57.27万元'),
  s('p2-3-basic-share', 'share', 'expenditure.basic', '77', '%', '第二部分 三', '基本支出57.27万元，占77%', 'expenditure.total'),
  s('p2-3-project', 'amount', 'expenditure.project', '17.17', '万元', '第二部分 三', '项目支出17.17万元'),
  s('p2-3-project-share', 'share', 'expenditure.project', '23', '%', '第二部分 三', '项目支出17.17万元，占23%', 'expenditure.total'),
  s('p2-4-fiscal', 'amount', 'income.total', '74.44', '万元', '第二部分 四', '2021年财政拨款收、支总计74.44万元'),
  s('p2-5-1-gpb', 'amount', 'gpb.total', '73.94', '万元', '第二部分 五(一)', '2021年一般公共预算财政拨款支出73.94万元'),
  s('p2-5-1-gpb-share', 'share', 'gpb.total', '99', '%', '第二部分 五(一)', '占本年支出的99%', 'expenditure.total'),
  s('p2-5-1-basic', 'amount', 'gpb.basic', '57.27', '万元', '第二部分 五(一)', '其中，基本支出57.27万元'),
  s('p2-5-1-basic-share', 'share', 'gpb.basic', '77', '%', '第二部分 五(一)', '基本支出57.27万元，占77%', 'gpb.total'),
  s('p2-5-1-project', 'amount', 'gpb.project', '16.67', '万元', '第二部分 五(一)', '项目支出16.67万元'),
  s('p2-5-1-project-share', 'share', 'gpb.project', '23', '%', '第二部分 五(一)', '项目支出16.67万元，占23%', 'gpb.total'),
  s('p2-5-2-gpb', 'amount', 'gpb.total', '73.94', '万元', '第二部分 五(二)', '2021年一般公共预算财政拨款支出73.94万元'),
  s('p2-5-2-206', 'amount', 'gpb_basic_by_function.206', '45.3', '万元', '第二部分 五(二)', '科学技术支出45.3万元'),
  s('p2-5-2-206-share', 'share', 'gpb_basic_by_function.206', '79', '%', '第二部分 五(二)', '科学技术支出45.3万元，占79%', 'gpb.basic'),
  s('p2-5-2-208', 'amount', 'gpb_basic_by_function.208', '3.68', '万元', '第二部分 五(二)', '社会保障和就业支出3.68万元'),
  s('p2-5-2-208-share', 'share', 'gpb_basic_by_function.208', '6', '%', '第二部分 五(二)', '社会保障和就业支出3.68万元，占6%', 'gpb.basic'),
  s('p2-5-2-210', 'amount', 'gpb_basic_by_function.210', '3.43', '万元', '第二部分 五(二)', '卫生健康支出3.43万元'),
  s('p2-5-2-210-share', 'share', 'gpb_basic_by_function.210', '6', '%', '第二部分 五(二)', '卫生健康支出3.43万元，占6%', 'gpb.basic'),
  s('p2-5-2-221', 'amount', 'gpb_basic_by_function.221', '4.86', '万元', '第二部分 五(二)', '住房保障支出4.86万元'),
  s('p2-5-2-221-share', 'share', 'gpb_basic_by_function.221', '8', '%', '第二部分 五(二)', '住房保障支出4.86万元，占8%', 'gpb.basic'),
  s('p2-5-3-gpb', 'amount', 'gpb.total', '73.44', '万元', '第二部分 五(三)', '2021年一般公共预算支出决算数为73.44万元'),
  s('p2-5-3-gpb-rate', 'execution', 'budget.executed', '100', '%', '第二部分 五(三)', '2021年一般公共预算支出决算数为73.44万元，完成预算100%', 'budget.department'),
  s('p2-5-3-206', 'amount', 'gpb_by_function.206', '61.96', '万元', '第二部分 五(三)1', '科学技术支出206:支出决算为61.96万元'),
  s('p2-5-3-206-name', 'code_name', 'gpb_by_function.206', '科学技术支出', '', '第二部分 五(三)1', '1.科学技术支出206'),
  s('p2-5-3-208-name', 'code_name', 'gpb_by_function.208', '社会保障房和就业支出', '', '第二部分 五(三)2', '2.社会保障房和就业支出208'),
  s('p2-5-3-210-name', 'code_name', 'gpb_by_function.210', '卫生健康支出', '', '第二部分 五(三)3', '3.卫生健康支出210'),
  s('p2-5-3-221-name', 'code_name', 'gpb_by_function.221', '住房保障支出', '', '第二部分 五(三)4', '4.住房保障支出（未写科目编码）'),
  s('p2-6-basic', 'amount', 'gpb.basic', '57.27', '万元', '第二部分 六', '2021年一般公共预算财政拨款基本支出57.27万元'),
  s('p2-6-personnel', 'amount', 'gpb_basic_economic.personnel', '52.12', '万元', '第二部分 六', '人员经费52.12万元'),
  s('p2-6-public', 'amount', 'gpb_basic_economic.public', '5.15', '万元', '第二部分 六', '公用经费5.15万元'),
  s('p2-7-three-public', 'amount', 'three_public.total', '0', '万元', '第二部分 七(一)', '2021年“三公”经费财政拨款支出决算为0万元'),
  s('p2-8-fund', 'amount', 'gov_fund.expenditure', '0.5', '万元', '第二部分 八', '2021年政府性基金预算支出0.5万元，全部为项目支出'),
  s('p2-10-office', 'amount', 'other.office_operating', '5.15', '万元', '第二部分 十(一)', '本单位机关运行经费支出5.15万元'),
  s('p2-10-cloud-name', 'text', 'project_cloud.name', '天府科技云运维项目', '', '第二部分 十(四)', '天府科技云运维项目3个项目'),
  s('a1-this-year', 'amount', 'income.this_year', '74.44', '万元', '附件1 二(一)', '2021年本年收入合计74.44万元'),
  s('a1-supervisor', 'text', 'org.supervisor', '中共攀枝花市西区区委', '', '附件1 自评表', '主管部门及代码：中共攀枝花市西区区委'),
  s('a1-cloud-name', 'text', 'project_cloud.name', '攀枝花市西区天府科技云服务中心建设及运维服务项目', '', '附件1 三(一)1(1)', '攀枝花市西区天府科技云服务中心建设及运维服务项目'),
  s('a1-cloud-issued', 'amount', 'project_cloud.local_budget', '15.67', '万元', '附件1 三(一)1(1)', '2021年区级下达资金15.67万元'),
  s('a1-cloud-paid', 'amount', 'project_cloud.local_executed', '15.67', '万元', '附件1 三(一)1(1)', '已支付15.67万元'),
  s('a1-literacy-issued', 'amount', 'project_literacy.local_budget', '0.5', '万元', '附件1 三(一)1(2)', '2021年区级下达资金0.5万元'),
  s('a1-literacy-paid', 'amount', 'project_literacy.local_executed', '0.5', '万元', '附件1 三(一)1(2)', '已支出0.5万元'),
  s('a1-popsci-issued', 'amount', 'project_popsci.local_budget', '1', '万元', '附件1 三(一)1(3)', '2021年区级下达资金1万元'),
  s('a1-popsci-paid', 'amount', 'project_popsci.local_executed', '1', '万元', '附件1 三(一)1(3)', '已支出1万元'),
  s('a2-supervisor', 'text', 'org.supervisor', '攀枝花市西区财政局', '', '附件2 自评表', '项目主管单位：攀枝花市西区财政局'),
  s('a2-cloud-name', 'text', 'project_cloud.name', '攀枝花市西区天府科技云服务中心运维服务项目', '', '附件2 自评表', '专项（项目）名称：攀枝花市西区天府科技云服务中心运维服务项目'),
  s('a2-cloud-plan', 'amount', 'project_cloud.local_budget', '16.47', '万元', '附件2 二(二)1', '2021年安排区级专项预算支出16.47万元'),
  s('a2-cloud-unused', 'amount', 'project_cloud.local_executed', '0', '万元', '附件2 二(二)3', '故未使用区级专项资金'),
  s('a2-coverage', 'coverage', 'platform.popsci_households', '30', '%', '附件2 数量指标', '服务人数占比达到城乡群众人数的30%（精准科普服务群众数1723户，西区14.9万人）', 'context.population'),
  s('a4-events', 'count', 'project_popsci.events_held', '4', '次', '附件4 总体目标', '实际完成情况：全年开展4次科普活动'),
];

const blankLine = (source: string) => ({ source, budget: null, executed: null, printedRate: null });
const qualitative = (level1: string | null, level2: string, name: string, target: string | null, actual: string | null, printedCompletion: string | null = '100') =>
  ({ level1, level2, name, direction: 'qualitative' as const, target, actual, unit: null, weight: null, printedScore: null, printedCompletion, reason: null });
const quantitative = (
  level1: string | null, level2: string, name: string, direction: '>=' | '<=' | '=', target: string, actual: string, unit: string,
  printedCompletion: string | null, reason: string | null = null,
) => ({ level1, level2, name, direction, target, actual, unit, weight: null, printedScore: null, printedCompletion, reason });

/** 附件1 部门整体支出绩效自评表 (万元). The table prints no 完成率 for the cost row; the report says “本单位无偏离绩效目标的情况” and “好”: every row claimed complete. */
export const SEED_ANNEX1_DEPARTMENT: SelfEvaluationCheckRequest = {
  template: 'sichuan',
  unit: '万元',
  project: { name: '2021年攀枝花市西区科学技术协会部门整体支出' },
  budget: {
    weight: null, printedScore: null, reason: null,
    lines: [
      { source: '财政拨款', budget: '72.87', executed: '74.44', printedRate: null },
      { source: '其他资金', budget: '0', executed: '0', printedRate: null },
    ],
    total: { budget: '72.87', executed: '74.44', printedRate: null },
  },
  indicators: [
    qualitative('完成指标', '数量指标', '工资3人/年，3个项目', '工资3人/年，3个项目', '100%', null),
    quantitative('完成指标', '质量指标', '保证科协工作按标准、按要求完成。', '>=', '100%', '100%', '%', null),
    qualitative('完成指标', '时效指标', '检查时限', '≤1年', '1年内', null),
    quantitative('完成指标', '成本指标', '全年工作经费', '<=', '72.87', '74.44', '万元', '100'),
    qualitative('完成指标', '社会效益指标', '保证高效完成科普工作', '更加高效', '更加高效', null),
    qualitative('完成指标', '可持续影响指标', '加大科普力度,营造爱科学、讲科学氛围。', '长效', '长效', null),
    quantitative('满意度指标', '满意度指标', '职工满意度100%', '>=', '100', '100', '%', '100'),
  ],
  printedTotal: null,
  printedGrade: '好',
};

/** 附件2 天府科技云运维项目: the header says 万元, the amounts are 元 (IC-07); the total row is blank (IC-08). */
export const SEED_ANNEX2_CLOUD: SelfEvaluationCheckRequest = {
  template: 'sichuan',
  unit: '万元',
  project: { name: '攀枝花市西区天府科技云服务中心运维服务项目' },
  budget: {
    weight: null, printedScore: null, reason: null,
    lines: [
      { source: '上级财政资金', budget: '180000', executed: '156688.3', printedRate: '87.05' },
      { source: '本级财政资金', budget: '164702', executed: '0', printedRate: '0' },
      blankLine('其他资金'),
    ],
    total: { budget: '344702', executed: null, printedRate: null },
  },
  indicators: [
    qualitative('项目完成', '数量指标', '城乡群众可获取平台精准科普信息服务', '城乡群众可获取平台精准科普信息服务', '服务人数占比达到城乡群众人数的30%'),
    qualitative('项目完成', '质量指标', '科技服务更加精准、便捷', '科技服务更加精准、便捷', '平台智能匹配“科技所需”与“科技所能”'),
    qualitative('项目完成', '时效指标', '2021年全年', '2021年全年', '“天府科技云服务”平台建立推广'),
    quantitative('项目完成', '成本指标', '344702元经费', '<=', '344702', '156688.3', '元', '45.45', '164702元为本级财政补助经费，未使用'),
    qualitative('项目效益', '经济效益指标', '通过“天府科技云服务”平台，为科技供需双方建立规范化的信息平台', '通过“天府科技云服务”平台，为科技供需双方建立规范化的信息平台', '实现科技服务的市场化、精准化、便捷化、智能化'),
    qualitative('满意度指标', '满意度指标', '科普服务更加智能精准畅达', '科普服务更加智能精准畅达', '实现“智慧科普、精准科普、直通科普”'),
  ],
  printedTotal: null,
  printedGrade: null,
};

/** 附件3 全民科学素质行动计划 (万元): four 8% literacy targets answered “完成” (IC-14). */
export const SEED_ANNEX3_LITERACY: SelfEvaluationCheckRequest = {
  template: 'sichuan',
  unit: '万元',
  project: { name: '全民科学素质行动计划' },
  budget: {
    weight: null, printedScore: null, reason: null,
    lines: [blankLine('上级财政资金'), { source: '本级财政资金', budget: '0.5', executed: '0.5', printedRate: '100' }, blankLine('其他资金')],
    total: { budget: null, executed: null, printedRate: null },
  },
  indicators: [
    quantitative('项目完成', '数量指标', '开展全民科学素质计划行动（全区具备科学素质比例达到8%）', '>=', '8', '完成', '%', '100'),
    qualitative('项目完成', '质量指标', '促进全民科学素质整体提升', '全民科学素质显著提升', '完成'),
    quantitative('项目完成', '时效指标', '到2021年公民科学素质在整体上有较大幅度的提高（比例达到8%）', '>=', '8', '完成', '%', '100'),
    quantitative('项目完成', '成本指标', '5000元', '<=', '5000', '5000', '元', '100'),
    quantitative(null, '社会效益指标', '到2020年公民科学素质在整体上有较大幅度的提高（比例达到8%）', '>=', '8', '完成', '%', '100'),
    quantitative('满意度指标', '满意度指标', '科学技术教育、传播与普及长足发展（比例达到8%）', '>=', '8', '完成', '%', '100'),
  ],
  printedTotal: null,
  printedGrade: null,
};

/** 附件4 科普经费 (万元). */
export const SEED_ANNEX4_POPSCI: SelfEvaluationCheckRequest = {
  template: 'sichuan',
  unit: '万元',
  project: { name: '科普经费' },
  budget: {
    weight: null, printedScore: null, reason: null,
    lines: [blankLine('上级财政资金'), { source: '本级财政资金', budget: '1', executed: '1', printedRate: '100' }, blankLine('其他资金')],
    total: { budget: null, executed: null, printedRate: null },
  },
  indicators: [
    quantitative('项目完成', '数量指标', '开展5次科普宣传', '>=', '5', '完成', '次', '100'),
    qualitative('项目完成', '质量指标', '开展科普宣传提高科普素质', '开展5次科普宣传', '完成'),
    qualitative('项目完成', '时效指标', '2021年1-12月', '12个月', '完成'),
    quantitative('项目完成', '成本指标', '10000元', '<=', '10000', '10000', '元', '100'),
    qualitative(null, '社会效益指标', '传播科学知识', '传播科学知识', '完成'),
    qualitative(null, '社会效益指标', '提高群众科学素养', '提高群众科学素养', '完成'),
    qualitative('满意度指标', '满意度指标', '营造爱科学、讲科学的社会氛围', '营造爱科学、讲科学的社会氛围', '完成'),
  ],
  printedTotal: null,
  printedGrade: null,
};

export const ACCOUNTS_DEMO_ANNEX_TABLES: readonly AnnexTableInput[] = [
  { annex: '附件1', title: '2021年部门预算项目绩效目标自评（部门整体）', table: SEED_ANNEX1_DEPARTMENT },
  { annex: '附件2', title: '2021年项目资金绩效自评表（天府科技云运维项目）', table: SEED_ANNEX2_CLOUD },
  { annex: '附件3', title: '2021年项目资金绩效自评表（全民科学素质行动计划项目）', table: SEED_ANNEX3_LITERACY },
  { annex: '附件4', title: '2021年项目资金绩效自评表（科普经费项目）', table: SEED_ANNEX4_POPSCI },
];

/** Loads West District's 2021 accounts, narrative figures and annexed tables (DemoDataService.loadDemo). */
export async function loadAccountsDemo(manager: EntityManager): Promise<void> {
  const at = { divisionCode: ACCOUNTS_DEMO_DIVISION, year: ACCOUNTS_DEMO_YEAR };
  await manager.save(ACCOUNTS_DEMO_FIGURES.map((f) => Object.assign(new AccountsFigureEntity(), {
    ...at, section: f.section, code: f.code, label: f.label, amount: f.amount, unitAsPrinted: f.unit, source: f.source,
  })));
  await manager.save(ACCOUNTS_DEMO_STATEMENTS.map((st) => Object.assign(new AccountsStatementEntity(), {
    ...at, statementKey: st.key, kind: st.kind, figureKey: st.figureKey, baseKey: st.baseKey ?? null,
    valueAsPrinted: st.valueAsPrinted, unit: st.unit, location: st.location, excerpt: st.excerpt,
  })));
  await manager.save(ACCOUNTS_DEMO_ANNEX_TABLES.map((t) => Object.assign(new AccountsAnnexTableEntity(), {
    ...at, annex: t.annex, title: t.title, content: t.table,
  })));
}
