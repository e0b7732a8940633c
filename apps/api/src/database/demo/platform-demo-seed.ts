// The seed's Tianfu Tech Cloud figures of West District (西区, 510403), "截至今年11月" 2021
// (domain.md §2.2, T1–T12). The demo data reproduces them EXACTLY as the sums of the facts dated
// 2021-01-01..2021-11-30; the app never reads ../shared at run time, hence this copy.
export const WEST_DISTRICT = '510403';

export const WEST_DISTRICT_SEED = {
  // "截至今年11月": running totals since the platform launch (2020-07-16) to the end of November 2021.
  from: '2020-07-16',
  asOf: '2021-11-30',
  /** T1, T2: 216 笔, 9,270.8 万元 */
  techService: { count: 216, amountYuan: '92708000.00' },
  /** T3, T4: 1 笔, 150 万元 */
  achievementTransfer: { count: 1, amountYuan: '1500000.00' },
  /** T5: 科研项目发布 30 项 */
  researchProjectsPublished: 30,
  /** T6, T7: 12 笔, 41,790 万元 */
  researchProject: { count: 12, amountYuan: '417900000.00' },
  /** T8: 注册用户 7,585 户 */
  registeredUsers: 7585,
  /** T10: 精准科普服务群众数 1,723 户 */
  popsciHouseholds: 1723,
  /** T11: 精准科普服务量 69.12 万人次 */
  popsciPersonTimes: 691_200,
  /** T12: 科普共享基地上架 7 个 */
  sharingBasesListed: 7,
  /** T9: 累计交易额 2.32 亿元, a reported running total (inconsistent with T2+T4+T7, see IC-10). */
  cumulativeTransactionAmountYuan: '232000000.00',
} as const;

/** The platform went live on 2020-07-16; demo facts start then. */
export const PLATFORM_LAUNCH = '2020-07-16';

/** The other Panzhihua divisions, with a size relative to West District for the generated data. */
export const OTHER_PANZHIHUA_DIVISIONS: ReadonlyArray<{ code: string; scale: number }> = [
  { code: '510402', scale: 1.15 },
  { code: '510411', scale: 0.8 },
  { code: '510421', scale: 0.55 },
  { code: '510422', scale: 0.45 },
];
