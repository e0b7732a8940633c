// The brief's paragraph: the month in words, by fixed rules from the figures (no model, no randomness).

export interface SummaryCard {
  name: string;
  nameEn: string;
  unit: string;
  unitEn: string;
  value: number | string | null;
  mom: number | null;
  paceGap: number | null;
  status: 'green' | 'yellow' | 'red' | null;
}

export interface SummaryInput {
  divisionName: string;
  divisionNameEn?: string;
  /** 'YYYY-MM' */
  month: string;
  cards: SummaryCard[];
  rank: { rank: number; of: number; previousRank: number | null; status: 'published' | 'draft' } | null;
  events: { count: number; personTimes: number };
  budgetWarnings: number;
}

/** Thousands separators on a count or an amount string ("92708000.00" → "92,708,000.00"). */
export function groupDigits(value: number | string): string {
  const text = String(value);
  const [whole, fraction] = text.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction !== undefined ? `.${fraction}` : '');
}

const pct = (n: number) => `${Math.abs(n).toFixed(1)}%`;
const points = (n: number) => Math.abs(n).toFixed(1);

/**
 * The month in one paragraph: the two largest rises and falls month on month, the metrics behind
 * 序时进度, the rank and its change, the events and the budget warnings. Ties are broken by the
 * order of the cards, so the same figures always give the same text.
 */
export function briefSummary(input: SummaryInput): { zh: string; en: string } {
  const { year, m } = { year: input.month.slice(0, 4), m: Number(input.month.slice(5, 7)) };
  const withMom = input.cards.map((card, i) => ({ card, i })).filter((c) => c.card.mom !== null);
  const rose = withMom.filter((c) => c.card.mom! > 0).sort((a, b) => b.card.mom! - a.card.mom! || a.i - b.i).slice(0, 2).map((c) => c.card);
  const fell = withMom.filter((c) => c.card.mom! < 0).sort((a, b) => a.card.mom! - b.card.mom! || a.i - b.i).slice(0, 2).map((c) => c.card);
  const behind = input.cards.filter((c) => c.paceGap !== null && c.paceGap < 0 && (c.status === 'yellow' || c.status === 'red'));

  const zh: string[] = [`${year}年${m}月，${input.divisionName}`];
  const en: string[] = [`In ${monthNameEn(m)} ${year}, ${input.divisionNameEn ?? input.divisionName}`];
  const lead = input.cards.slice(0, 2).filter((c) => c.value !== null);
  if (lead.length > 0) {
    zh[0] += lead.map((c) => `${c.name}${groupDigits(c.value!)}${c.unit}`).join('、') + '。';
    en[0] += ' recorded ' + lead.map((c) => `${groupDigits(c.value!)} ${c.unitEn} of ${lowerFirst(c.nameEn)}`).join(' and ') + '.';
  } else {
    zh[0] += '本月无数据。';
    en[0] += ' has no figures for the month.';
  }
  if (rose.length > 0) {
    zh.push(`环比上升的有${rose.map((c) => `${c.name}（+${pct(c.mom!)}）`).join('、')}。`);
    en.push(`Up on the previous month: ${rose.map((c) => `${lowerFirst(c.nameEn)} (+${pct(c.mom!)})`).join(', ')}.`);
  }
  if (fell.length > 0) {
    zh.push(`环比下降的有${fell.map((c) => `${c.name}（-${pct(c.mom!)}）`).join('、')}。`);
    en.push(`Down: ${fell.map((c) => `${lowerFirst(c.nameEn)} (-${pct(c.mom!)})`).join(', ')}.`);
  }
  if (behind.length > 0) {
    zh.push(`落后于序时进度的有${behind.map((c) => `${c.name}（落后${points(c.paceGap!)}个百分点）`).join('、')}。`);
    en.push(`Behind the time-elapsed pace: ${behind.map((c) => `${lowerFirst(c.nameEn)} (${points(c.paceGap!)} points)`).join(', ')}.`);
  } else if (input.cards.some((c) => c.paceGap !== null)) {
    zh.push('有年度目标的指标均达到序时进度。');
    en.push('Every metric with an annual target is on pace.');
  }
  if (input.rank) {
    const r = input.rank;
    const change = r.previousRank === null ? null : r.previousRank - r.rank;
    const changeZh = change === null ? '' : change > 0 ? `，较上月上升${change}位` : change < 0 ? `，较上月下降${-change}位` : '，与上月持平';
    const changeEn = change === null ? '' : change > 0 ? `, up ${change} from the previous month` : change < 0 ? `, down ${-change} from the previous month` : ', unchanged from the previous month';
    const draftZh = r.status === 'draft' ? '（排名为草稿，尚未发布）' : '';
    const draftEn = r.status === 'draft' ? ' (a draft ranking, not yet published)' : '';
    zh.push(`综合指数在全市${r.of}个区县中排名第${r.rank}${changeZh}${draftZh}。`);
    en.push(`Its index ranks ${r.rank} of ${r.of} in the city${changeEn}${draftEn}.`);
  }
  zh.push(`本月开展科普活动${input.events.count}场、${groupDigits(input.events.personTimes)}人次`);
  en.push(`${input.events.count} outreach event${input.events.count === 1 ? '' : 's'} reached ${groupDigits(input.events.personTimes)} person-times`);
  if (input.budgetWarnings > 0) {
    zh[zh.length - 1] += `；${input.budgetWarnings}项预算执行预警待处理。`;
    en[en.length - 1] += `; ${input.budgetWarnings} budget warning${input.budgetWarnings === 1 ? ' is' : 's are'} open.`;
  } else {
    zh[zh.length - 1] += '。';
    en[en.length - 1] += '.';
  }
  return { zh: zh.join(''), en: en.join(' ') };
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export function monthNameEn(m: number): string {
  return MONTHS_EN[m - 1];
}
const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s);
