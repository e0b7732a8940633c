import { budgetChart, trendChart } from './brief-charts.js';
import { groupDigits, monthNameEn, parseMonthKey } from '@app/kpi-core';
import { type Brief, type BriefCard, type MetricValue } from '@app/contracts';

export type BriefLang = 'zh' | 'en';

const esc = (value: unknown) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const L = {
  zh: {
    title: '月度工作简报', version: (v: number) => `第 ${v} 版`, issued: '印发', summary: '本月概述', cards: '核心指标', trend: '近 12 个月走势',
    rank: '区县排名', draft: '草稿（未发布）', published: '已发布', budget: '预算执行与序时进度', events: '科普活动', attention: '需要关注',
    mom: '环比', yoy: '同比', ytd: '年累计', target: '年度目标', completion: '完成', pace: '序时进度', none: '无', districts: '各区县对比',
    rankOf: (r: number, n: number) => `第 ${r} 名 / 共 ${n} 个区县`, prev: (p: number | null) => (p === null ? '' : `（上月第 ${p} 名）`),
    district: '区县', score: '得分', red: '红灯', project: '项目', adjusted: '调整预算（元）', executed: '已执行（元）', rate: '执行率', gap: '差距（百分点）',
    eventsLine: (c: number, p: string) => `本月开展科普活动 ${c} 场，${p} 人次。`, waiting: (w: number, o: number) => `待审核 ${w} 场，其中超期 ${o} 场。`,
    top: '参与人次最多的活动', noAttention: '本月没有需要特别关注的事项。', footer: '数据来源：天府科技云 KPI 看板。排名为本平台透明指数，并非官方考核公式。', warnings: '预警',
    month: (m: string) => { const { year, month } = parseMonthKey(m); return `${year}年${month}月`; }, noProjects: '本年度没有预算项目。',
  },
  en: {
    title: 'Monthly brief', version: (v: number) => `version ${v}`, issued: 'issued', summary: 'The month', cards: 'Headline figures', trend: 'Last 12 months',
    rank: 'Ranking', draft: 'draft (not published)', published: 'published', budget: 'Budget execution against the time-elapsed pace', events: 'Outreach events', attention: 'Needs attention',
    mom: 'MoM', yoy: 'YoY', ytd: 'Year to date', target: 'Annual target', completion: 'done', pace: 'pace', none: 'none', districts: 'Districts compared',
    rankOf: (r: number, n: number) => `${r} of ${n} districts`, prev: (p: number | null) => (p === null ? '' : ` (previous month: ${p})`),
    district: 'District', score: 'Score', red: 'Red', project: 'Project', adjusted: 'Adjusted budget (yuan)', executed: 'Executed (yuan)', rate: 'Rate', gap: 'Gap (points)',
    eventsLine: (c: number, p: string) => `${c} outreach events this month, ${p} person-times.`, waiting: (w: number, o: number) => `${w} waiting for review, ${o} of them overdue.`,
    top: 'Largest events', noAttention: 'Nothing needs special attention this month.', footer: 'Source: Tianfu KPI dashboard. The ranking is this platform’s transparent index, not the official formula.', warnings: 'Warnings',
    month: (m: string) => { const { year, month } = parseMonthKey(m); return `${monthNameEn(month)} ${year}`; }, noProjects: 'No budget projects this year.',
  },
};

const STATUS_COLOUR: Record<string, string> = { green: '#059669', yellow: '#d97706', red: '#dc2626' };
const fmt = (v: MetricValue | null) => (v === null || v === undefined ? '—' : groupDigits(v));
const signed = (n: number | null) => (n === null ? '—' : `${n > 0 ? '+' : ''}${n.toFixed(1)}%`);

function card(c: BriefCard, lang: BriefLang): string {
  const t = L[lang];
  const colour = c.status ? STATUS_COLOUR[c.status] : '#9ca3af';
  const [open, comma, close] = lang === 'zh' ? ['（', '，', '）'] : [' (', ', ', ')'];
  const goal = c.target === null ? '' : `<div class="sub">${t.ytd} ${fmt(c.ytd)} / ${t.target} ${fmt(c.target)}${open}${t.completion} ${c.targetCompletion ?? '—'}%${comma}${t.pace} ${c.pace ?? '—'}%${close}</div>`;
  return `<div class="card" style="border-left-color:${colour}">
    <div class="name">${esc(lang === 'zh' ? c.name : c.nameEn)}</div>
    <div class="value">${esc(fmt(c.value))}<span class="unit"> ${esc(lang === 'zh' ? c.unit : c.unitEn)}</span></div>
    <div class="sub">${t.mom} ${signed(c.mom)} · ${t.yoy} ${signed(c.yoy)}${c.target === null ? ` · ${t.ytd} ${esc(fmt(c.ytd))}` : ''}</div>${goal}
  </div>`;
}

/** The brief as one self-contained A4 HTML page (inline CSS, SVG charts, data: thumbnails): the PDF and the app's view. */
export function renderBriefHtml(brief: Brief, lang: BriefLang = 'zh'): string {
  const t = L[lang];
  const f = brief.figures;
  const text = (x: { zh: string; en: string }) => esc(x[lang]);
  const rank = f.rank
    ? `<p><b>${t.rankOf(f.rank.rank, f.rank.of)}</b>${esc(t.prev(f.rank.previousRank))} · ${t.score} ${f.rank.score} · <span class="${f.rank.status === 'draft' ? 'draft' : 'ok'}">${f.rank.status === 'draft' ? t.draft : t.published}</span></p><p class="muted">${text(f.rank.explanation)}</p>`
    : '';
  const districts = f.districts
    ? `<h2>${t.districts}</h2><table><thead><tr><th>${t.district}</th><th>${lang === 'zh' ? '名次' : 'Rank'}</th><th>${t.score}</th>${f.cards.map((c) => `<th>${esc(lang === 'zh' ? c.name : c.nameEn)}</th>`).join('')}<th>${t.red}</th></tr></thead><tbody>${f.districts
        .map((d) => `<tr><td>${esc(d.name)}</td><td>${d.rank ?? '—'}</td><td>${d.score ?? '—'}</td>${f.cards.map((c) => `<td class="num">${esc(fmt(d.values[c.code] ?? null))}</td>`).join('')}<td class="num">${d.redCount}</td></tr>`)
        .join('')}</tbody></table>`
    : '';
  const projects = f.budget.projects;
  const budget = projects.length === 0
    ? `<p class="muted">${t.noProjects}</p>`
    : `${budgetChart(projects, lang)}<table><thead><tr><th>${t.project}</th><th>${t.adjusted}</th><th>${t.executed}</th><th>${t.rate}</th><th>${t.pace}</th><th>${t.gap}</th></tr></thead><tbody>${projects
        .map((p) => `<tr><td>${esc(p.name)}</td><td class="num">${esc(groupDigits(p.adjustedBudget))}</td><td class="num">${esc(groupDigits(p.executed))}</td><td class="num" style="color:${p.status ? STATUS_COLOUR[p.status] : 'inherit'}">${p.ratePercent ?? '—'}%</td><td class="num">${p.expectedPercent}%</td><td class="num">${p.gapPoints ?? '—'}</td></tr>`)
        .join('')}</tbody></table>${f.budget.warnings.length ? `<ul class="warn">${f.budget.warnings.map((w) => `<li>${esc(w.projectName)}${lang === 'zh' ? '：' : ': '}${text(w.message)}</li>`).join('')}</ul>` : ''}`;
  const top = f.events.top.length
    ? `<div class="events">${f.events.top
        .map((e) => `<div class="event">${e.thumbnail ? `<img src="${esc(e.thumbnail)}" alt="">` : '<div class="noimg"></div>'}<div><b>${esc(e.title)}</b><br><span class="muted">${esc(e.start)} · ${esc(e.divisionName)} · ${groupDigits(e.personTimes)} ${lang === 'zh' ? '人次' : 'person-times'}</span></div></div>`)
        .join('')}</div>`
    : '';
  const attention = f.attention.length ? `<ul>${f.attention.map((a) => `<li class="att-${a.kind}">${text(a.text)}</li>`).join('')}</ul>` : `<p class="muted">${t.noAttention}</p>`;
  const issued = brief.issuedAt.slice(0, 10);
  return `<!doctype html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${esc(f.division.name)} ${esc(t.month(f.month))} ${t.title}</title>
<style>
@page { size: A4; margin: 10mm 12mm 10mm; }
* { box-sizing: border-box; }
@media screen { body { padding: 12mm; } }
body { font-family: 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', sans-serif; font-size: 10.5px; color: #111827; margin: 0; }
header { border-bottom: 2px solid #b91c1c; padding-bottom: 6px; margin-bottom: 8px; display: flex; justify-content: space-between; align-items: flex-end; }
h1 { font-size: 20px; margin: 0; color: #b91c1c; letter-spacing: 1px; }
h2 { font-size: 12.5px; margin: 8px 0 4px; padding-left: 6px; border-left: 3px solid #1f6feb; break-after: avoid; }
.meta { text-align: right; color: #4b5563; font-size: 10px; }
.summary { line-height: 1.7; text-indent: 2em; margin: 0; }
.cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 6px; }
.card { border: 1px solid #e5e7eb; border-left: 4px solid; border-radius: 3px; padding: 4px 6px; break-inside: avoid; }
.card .name { color: #374151; font-size: 10px; } .card .value { font-size: 15px; font-weight: 700; } .card .unit { font-size: 9.5px; font-weight: normal; color: #6b7280; }
.card .sub { font-size: 8.5px; color: #4b5563; }
.trend { display: flex; gap: 4px; }
table { width: 100%; border-collapse: collapse; font-size: 9.5px; break-inside: avoid; }
th, td { border: 1px solid #e5e7eb; padding: 2px 4px; text-align: left; } th { background: #f3f4f6; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: #6b7280; } .draft { color: #b45309; font-weight: 700; } .ok { color: #047857; }
ul { margin: 3px 0; padding-left: 16px; } .warn li, .att-red_metric, .att-budget_warning { color: #b91c1c; }
.events { display: flex; gap: 8px; } .event { display: flex; gap: 6px; flex: 1; align-items: flex-start; break-inside: avoid; }
.event img, .noimg { width: 64px; height: 48px; object-fit: cover; border-radius: 2px; background: #f3f4f6; flex: none; }
footer { margin-top: 6px; border-top: 1px solid #e5e7eb; padding-top: 4px; color: #6b7280; font-size: 8.5px; }
</style></head><body>
<header><div><h1>${esc(f.division.name)} · ${t.title}</h1><div>${esc(t.month(f.month))}</div></div>
<div class="meta">${t.version(brief.version)} · ${t.issued} ${esc(issued)}</div></header>
<h2>${t.summary}</h2><p class="summary">${text(f.summary)}</p>
<h2>${t.cards}</h2><div class="cards">${f.cards.map((c) => card(c, lang)).join('')}</div>
<h2>${t.trend}</h2><div class="trend">${f.trend.series.map((s, i) => trendChart(f.trend.months, s, i, lang)).join('')}</div>
${f.rank || f.districts ? `<h2>${t.rank}</h2>${rank}${districts}` : ''}
<h2>${t.budget}${lang === 'zh' ? `（${f.budget.year}年，截至${esc(f.budget.asOf)}）` : ` (${f.budget.year}, to ${esc(f.budget.asOf)})`}</h2>${budget}
<h2>${t.events}</h2><p>${t.eventsLine(f.events.count, groupDigits(f.events.personTimes))}${t.waiting(f.events.waitingReview, f.events.overdueReview)}</p>${top}
<h2>${t.attention}</h2>${attention}
<footer>${t.footer}</footer>
</body></html>`;
}
