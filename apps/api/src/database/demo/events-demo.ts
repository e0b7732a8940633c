import { createHash } from 'node:crypto';
import { type EntityManager } from 'typeorm';
import { EventHistoryEntity } from '../../events/entities/event-history.entity.js';
import { EventIndicatorEntity } from '../../events/entities/event-indicator.entity.js';
import { OutreachEventEntity } from '../../events/entities/outreach-event.entity.js';
import { EVENT_AUDIENCES, type EventAudience, type EventStatus } from '@app/contracts';
import { addDays, shanghaiDay } from '@app/kpi-core';

// Outreach events. 2021 in detail: West District (510403) follows the seed (附件 §二.2–3 and the
// 科普经费 self-evaluation): 科技活动周, 全国科普日, 科技工作者日, 科普大篷车进社区, the health talk in
// 清香坪街道路北社区, the anti-cult talk in 杨家坪社区, "4000余份" leaflets in the year, and five
// events paid from 科普经费 (1万元: 2,000 元 each); the other Panzhihua districts get plausible,
// generated events. From 2022 to today, generated events for all five. Deterministic: the same
// rows for the same day.

interface DemoEvent {
  title: string;
  type: string;
  start: string;
  end?: string;
  venue: string;
  organizer?: string;
  partners?: string[];
  audience: EventAudience[];
  participants: number;
  personTimes?: number;
  onlineViews?: number;
  materials: number;
  volunteers?: number;
  cost?: string;
  description?: string;
  status?: EventStatus;
  returnReason?: string;
  /** Paid from the 科普经费 project (linked when the budget module holds it). */
  popsciFund?: boolean;
}

const XIQU = '西区科协';
const FUND_NOTE = '经费来源：2021年科普经费项目（区级下达1万元）。';

export const WEST_DISTRICT_EVENTS: readonly DemoEvent[] = [
  { title: '春节科普宣传进社区', type: 'community', start: '2021-02-05', venue: '清香坪街道', partners: ['清香坪街道办事处'], audience: ['residents', 'elderly'], participants: 180, materials: 450, volunteers: 8, cost: '2000.00', popsciFund: true, description: `春节前夕在社区发放科学生活、防火防疫宣传资料。${FUND_NOTE}` },
  { title: '“科技之春”科普宣传月启动', type: 'community', start: '2021-03-12', end: '2021-03-14', venue: '西区人民广场', partners: ['区科技局', '区教体局'], audience: ['residents', 'youth'], participants: 320, personTimes: 560, materials: 520, volunteers: 12, cost: '2000.00', popsciFund: true, description: `“科技之春”宣传月集中宣传活动。${FUND_NOTE}` },
  { title: '组织参加市第37届青少年科技创新大赛', type: 'competition', start: '2021-03-26', venue: '攀枝花市青少年宫', partners: ['区教体局'], audience: ['youth'], participants: 46, materials: 0, volunteers: 4 },
  { title: '天府科技云服务工作推进会', type: 'training', start: '2021-04-08', venue: '西区科协会议室', audience: ['workers', 'scientists'], participants: 52, materials: 120 },
  { title: '反邪教警示教育进社区', type: 'anti_cult', start: '2021-04-15', venue: '清香坪街道杨家坪社区', partners: ['清香坪街道杨家坪社区'], audience: ['residents'], participants: 95, materials: 300, volunteers: 6, description: '联合杨家坪社区开展反邪教警示教育宣讲，提升居民识邪、防邪、拒邪能力。' },
  { title: '农技协骨干技术培训（花椒种植）', type: 'training', start: '2021-04-22', venue: '格里坪镇林坡村', partners: ['攀枝花市西区林坡花椒种植协会'], audience: ['farmers'], participants: 60, personTimes: 120, materials: 150 },
  { title: '科普大篷车进社区（河门口）', type: 'caravan', start: '2021-05-14', venue: '河门口街道河门口社区', audience: ['residents', 'youth'], participants: 260, materials: 200, volunteers: 10 },
  { title: '2021年科技活动周启动仪式', type: 'science_week', start: '2021-05-22', end: '2021-05-28', venue: '西区人民广场', partners: ['区科技局', '区教体局', '攀枝花·中国航天智能机器人科技城'], audience: ['residents', 'youth', 'workers'], participants: 600, personTimes: 1500, onlineViews: 3200, materials: 480, volunteers: 20, cost: '2000.00', popsciFund: true, description: `科技活动周期间开展展板展示、科普咨询和机器人体验。${FUND_NOTE}` },
  { title: '全国科技工作者日座谈会', type: 'workers_day', start: '2021-05-30', venue: '西区科协会议室', partners: ['攀煤集团', '川煤华荣能源有限责任公司'], audience: ['scientists'], participants: 40, materials: 80, cost: '2000.00', popsciFund: true, description: `座谈交流、走访慰问一线科技工作者。${FUND_NOTE}` },
  { title: '老年健康知识宣传', type: 'health', start: '2021-06-18', venue: '清香坪街道路北社区', partners: ['攀枝花市科协', '清香坪街道路北社区'], audience: ['elderly', 'residents'], participants: 85, materials: 160, volunteers: 4, description: '充分利用市级资源，组织健康专家到路北社区开展老年健康知识宣传。' },
  { title: '航天科技城科普基地开放日', type: 'exhibition', start: '2021-07-10', venue: '攀枝花·中国航天智能机器人科技城', audience: ['youth'], participants: 150, materials: 60 },
  { title: '暑期青少年科普讲座', type: 'lecture', start: '2021-07-23', venue: '西区图书馆', audience: ['youth'], participants: 70, materials: 70 },
  { title: '疫情防控应急科普直播', type: 'livestream', start: '2021-08-06', venue: '科普微信群、天府科技云APP', audience: ['residents'], participants: 0, onlineViews: 5200, materials: 0 },
  { title: '科普大篷车进社区（玉泉）', type: 'caravan', start: '2021-08-20', venue: '玉泉街道', audience: ['residents'], participants: 210, materials: 180, volunteers: 8 },
  { title: '2021年全国科普日主场活动', type: 'popsci_day', start: '2021-09-18', end: '2021-09-19', venue: '西区人民广场', partners: ['区卫健局', '区应急管理局', '区教体局'], audience: ['residents', 'youth', 'elderly'], participants: 700, personTimes: 1200, onlineViews: 1800, materials: 620, volunteers: 25, cost: '2000.00', popsciFund: true, description: `科普展板、应急安全体验、健康义诊。${FUND_NOTE}` },
  { title: '科普进校园：走近航天', type: 'school', start: '2021-09-24', venue: '西区实验小学', audience: ['youth'], participants: 320, materials: 100 },
  { title: '科普大篷车进社区（格里坪）', type: 'caravan', start: '2021-10-15', venue: '格里坪镇', audience: ['farmers', 'residents'], participants: 160, materials: 150, volunteers: 6 },
  { title: '农村乡土人才技术培训（蚯蚓养殖）', type: 'training', start: '2021-10-27', venue: '攀枝花嘉骅生态农业开发有限公司', audience: ['farmers'], participants: 45, materials: 90 },
  { title: '安全生产知识宣传进企业', type: 'community', start: '2021-11-10', venue: '攀煤集团太平矿', audience: ['workers'], participants: 130, materials: 160 },
  { title: '科普进校园：安全教育', type: 'school', start: '2021-11-19', venue: '西区第二中学', audience: ['youth'], participants: 280, materials: 120, status: 'submitted' },
  { title: '防范电信诈骗科普讲座', type: 'lecture', start: '2021-12-03', venue: '清香坪街道', audience: ['elderly', 'residents'], participants: 75, materials: 90, status: 'returned', returnReason: '请补充签到表照片' },
  { title: '冬季健康科普进社区', type: 'health', start: '2021-12-10', venue: '河门口街道', audience: ['elderly'], participants: 60, materials: 80, status: 'submitted' },
  { title: '年终科普工作总结培训', type: 'training', start: '2021-12-21', venue: '西区科协会议室', audience: ['scientists', 'workers'], participants: 35, materials: 0, status: 'draft' },
  { title: '科普大篷车进社区（清香坪）', type: 'caravan', start: '2021-12-28', venue: '清香坪街道', audience: ['residents'], participants: 120, materials: 0, status: 'draft' },
];

const OTHER_DISTRICTS: ReadonlyArray<{ code: string; name: string; places: string[] }> = [
  { code: '510402', name: '东区', places: ['炳草岗街道', '大渡口街道', '银江镇', '东区文化广场'] },
  { code: '510411', name: '仁和区', places: ['仁和镇', '大田镇', '平地镇', '仁和区文化中心'] },
  { code: '510421', name: '米易县', places: ['攀莲镇', '丙谷镇', '撒莲镇', '米易县文化广场'] },
  { code: '510422', name: '盐边县', places: ['桐子林镇', '红格镇', '渔门镇', '盐边县文化广场'] },
];

const TEMPLATES: ReadonlyArray<{ title: string; type: string; month: number; audience: EventAudience[]; size: number }> = [
  { title: '科技之春宣传活动', type: 'community', month: 3, audience: ['residents'], size: 200 },
  { title: '科技活动周主题活动', type: 'science_week', month: 5, audience: ['residents', 'youth'], size: 400 },
  { title: '全国科技工作者日走访慰问', type: 'workers_day', month: 5, audience: ['scientists'], size: 40 },
  { title: '科普大篷车巡展', type: 'caravan', month: 6, audience: ['farmers', 'residents'], size: 250 },
  { title: '农业实用技术培训', type: 'training', month: 7, audience: ['farmers'], size: 60 },
  { title: '全国科普日主题活动', type: 'popsci_day', month: 9, audience: ['residents', 'youth', 'elderly'], size: 500 },
  { title: '科普进校园', type: 'school', month: 10, audience: ['youth'], size: 300 },
  { title: '健康知识讲座', type: 'health', month: 11, audience: ['elderly'], size: 80 },
];

// mulberry32: a small, seeded generator, so the demo is the same on every load.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function otherDistrictEvents(): Array<DemoEvent & { division: string }> {
  const next = random(20210403);
  const events: Array<DemoEvent & { division: string }> = [];
  for (const district of OTHER_DISTRICTS) {
    TEMPLATES.forEach((template, index) => {
      const day = 5 + Math.floor(next() * 20);
      const participants = Math.round(template.size * (0.6 + next() * 0.8));
      events.push({
        division: district.code,
        title: `${district.name}${template.title}`,
        type: template.type,
        start: `2021-${String(template.month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        venue: district.places[index % district.places.length],
        organizer: `${district.name}科协`,
        audience: template.audience,
        participants,
        personTimes: participants + Math.round(participants * next() * 0.5),
        materials: Math.round((participants * (0.5 + next())) / 10) * 10,
        volunteers: Math.floor(next() * 12),
        status: index === TEMPLATES.length - 1 && next() < 0.5 ? 'submitted' : 'approved',
      });
    });
  }
  return events;
}

// From 2022 to today every district logs events month after month, as staff do: more in the
// campaign months (科技之春 in March, 科技活动周 in May, 全国科普日 in September), fewer in the
// Spring Festival month. The last few days' events still wait for review (submitted) or are
// drafts, and now and then one was returned, so the approval queue is never empty.
const RECENT_FROM_YEAR = 2022;
const WEST_PLACES = ['清香坪街道', '河门口街道', '玉泉街道', '陶家渡街道', '格里坪镇', '西区人民广场', '西区科协会议室'];
const RECENT_TEMPLATES: ReadonlyArray<{ title: string; type: string; months?: number[]; audience: EventAudience[]; size: number; materials: number }> = [
  { title: '科技之春科普宣传', type: 'community', months: [3], audience: ['residents'], size: 220, materials: 1.5 },
  { title: '科技活动周主题活动', type: 'science_week', months: [5], audience: ['residents', 'youth'], size: 420, materials: 1.2 },
  { title: '科技工作者日座谈走访', type: 'workers_day', months: [5], audience: ['scientists'], size: 40, materials: 1 },
  { title: '全国科普日主题活动', type: 'popsci_day', months: [9], audience: ['residents', 'youth', 'elderly'], size: 520, materials: 1.2 },
  { title: '科普大篷车进社区', type: 'caravan', audience: ['residents', 'youth'], size: 200, materials: 0.8 },
  { title: '农业实用技术培训', type: 'training', audience: ['farmers'], size: 55, materials: 2 },
  { title: '科普进校园', type: 'school', audience: ['youth'], size: 260, materials: 0.4 },
  { title: '老年健康知识讲座', type: 'health', audience: ['elderly'], size: 80, materials: 2 },
  { title: '防范电信网络诈骗宣传', type: 'lecture', audience: ['residents', 'elderly'], size: 90, materials: 1.5 },
  { title: '反邪教警示教育', type: 'anti_cult', audience: ['residents'], size: 90, materials: 3 },
  { title: '应急安全科普直播', type: 'livestream', audience: ['residents'], size: 0, materials: 0 },
];
/** West District's campaign events, paid from the year's 科普经费 at 2,000 元 each (as in 2021). */
const POPSCI_FUND_TYPES = new Set(['community', 'science_week', 'workers_day', 'popsci_day']);
export const POPSCI_FUND_EVENT_COST = '2000.00';
const EVENTS_PER_MONTH: Readonly<Record<number, number>> = { 1: 1, 2: 1, 3: 3, 4: 2, 5: 3, 6: 2, 7: 2, 8: 2, 9: 3, 10: 2, 11: 2, 12: 1 };

/** Events of every Panzhihua district from 2022 to `today` (a day in Asia/Shanghai), the same for the same day. */
export function recentDistrictEvents(today: string): Array<DemoEvent & { division: string }> {
  const districts = [{ code: '510403', name: '西区', places: WEST_PLACES }, ...OTHER_DISTRICTS];
  const events: Array<DemoEvent & { division: string }> = [];
  const [thisYear, thisMonth] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  for (let year = RECENT_FROM_YEAR; year <= thisYear; year++) {
    for (let month = 1; month <= (year === thisYear ? thisMonth : 12); month++) {
      const monthKey = `${year}-${String(month).padStart(2, '0')}`;
      const campaigns = RECENT_TEMPLATES.filter((t) => t.months?.includes(month));
      const everyday = RECENT_TEMPLATES.filter((t) => !t.months);
      for (const district of districts) {
        const next = random(year * 100_000 + month * 1_000 + Number(district.code.slice(3)));
        const count = EVENTS_PER_MONTH[month] + (next() < 0.3 ? 1 : 0);
        const picked = [...campaigns];
        while (picked.length < count) picked.push(everyday[Math.floor(next() * everyday.length)]);
        // This month, one more event of the last three days, so every district has one waiting for
        // review. Drawn from its own generator (the month's other events stay as they were before it
        // existed) and of a template not used this month (so never twin of another on its day).
        const extra = random(year * 100_000 + month * 1_000 + Number(district.code.slice(3)) + 500);
        const latest = monthKey === today.slice(0, 7) ? addDays(today, -Math.floor(extra() * 3)) : null;
        if (latest && latest.startsWith(monthKey)) {
          const unused = everyday.filter((t) => !picked.includes(t));
          picked.push(unused[Math.floor(extra() * unused.length)]);
        }
        // Each template in its own part of the month (index 0: 3rd–9th, 1: 11th–17th, …), so no two share a day.
        picked.forEach((template, index) => {
          const isLatest = latest !== null && index === picked.length - 1 && latest.startsWith(monthKey);
          const day = isLatest ? latest : `${monthKey}-${String(Math.min(28, 3 + index * 8 + Math.floor(next() * 7))).padStart(2, '0')}`;
          if (day > today) return;
          const participants = Math.round(template.size * (0.6 + next() * 0.8));
          const west = district.code === '510403';
          // West District pays its campaign events from the year's 科普经费 (when that year has the project).
          const paidFromFund = west && POPSCI_FUND_TYPES.has(template.type);
          const daysAgo = Math.round((Date.parse(today) - Date.parse(day)) / 86_400_000);
          // Submitted the day after the event, reviewed three days after it; of the last month's,
          // a few were sent back and wait for staff (older ones were mended long ago).
          const sentBack = next() < 0.15;
          const status: EventStatus = daysAgo < 1 ? 'draft' : daysAgo < 3 ? 'submitted' : daysAgo < 30 && sentBack ? 'returned' : 'approved';
          events.push({
            division: district.code,
            title: `${west ? '' : district.name}${template.title}`,
            type: template.type,
            start: day,
            venue: district.places[Math.floor(next() * district.places.length)],
            organizer: `${district.name}科协`,
            audience: template.audience,
            participants,
            personTimes: participants + Math.round(participants * next() * 0.5),
            onlineViews: template.type === 'livestream' ? 1_000 + Math.round(next() * 5_000) : 0,
            materials: Math.round((participants * template.materials * (0.6 + next() * 0.8)) / 10) * 10,
            volunteers: template.size > 0 ? Math.floor(next() * 15) : 0,
            status,
            returnReason: status === 'returned' ? '请补充现场照片和签到表' : undefined,
            cost: paidFromFund ? POPSCI_FUND_EVENT_COST : undefined,
            popsciFund: paidFromFund,
          });
        });
      }
    }
  }
  return events;
}

// A stable id per demo event (a name-based UUID), so links to demo events survive a reload.
function demoId(name: string): string {
  const hex = createHash('sha1').update(`tianfu-kpi-demo-event|${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

async function userId(manager: EntityManager, username: string): Promise<{ id: string | null; name: string }> {
  const rows: Array<{ id: string; display_name: string }> = await manager.query(`SELECT id, display_name FROM app_user WHERE username = $1`, [username]);
  return rows[0] ? { id: rows[0].id, name: rows[0].display_name } : { id: null, name: username };
}

/** West District's 科普经费 project of each year the budget module's demo has made, by year. */
async function popsciFundProjects(manager: EntityManager): Promise<Map<number, string>> {
  const columns: Array<{ column_name: string }> = await manager.query(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'budget_project'`,
  );
  const names = new Set(columns.map((c) => c.column_name));
  if (!names.has('id') || !names.has('division_code') || !names.has('name') || !names.has('year')) return new Map();
  const rows: Array<{ id: string; year: number }> = await manager.query(
    `SELECT DISTINCT ON (year) id, year FROM budget_project WHERE division_code = '510403' AND name LIKE '%科普经费%' ORDER BY year, code`,
  );
  return new Map(rows.map((r) => [Number(r.year), r.id]));
}

/**
 * The indicators of those projects that count events (binding_kind 'events'), by project: a campaign event links
 * them too, since an events-bound indicator counts exactly the approved events linked to it.
 */
async function eventIndicators(manager: EntityManager, projectIds: readonly string[]): Promise<Map<string, string[]>> {
  if (projectIds.length === 0) return new Map();
  const [{ present }]: Array<{ present: boolean }> = await manager.query(`SELECT to_regclass('performance_indicator') IS NOT NULL AS present`);
  if (!present) return new Map();
  const rows: Array<{ id: string; project_id: string }> = await manager.query(
    `SELECT id::text AS id, project_id::text AS project_id FROM performance_indicator WHERE binding_kind = 'events' AND project_id = ANY($1::uuid[])`,
    [projectIds],
  );
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.project_id, [...(out.get(r.project_id) ?? []), r.id]);
  return out;
}

/** Inserts the demo events with their history (bulk demo rows: not written through the audit log). */
export async function loadEventsDemo(manager: EntityManager, today: string = shanghaiDay(new Date())): Promise<void> {
  const staff = await userId(manager, 'xiqu-staff');
  const leader = await userId(manager, 'xiqu-leader');
  const city = await userId(manager, 'panzhihua');
  const fundProjects = await popsciFundProjects(manager);
  const fundIndicators = await eventIndicators(manager, [...fundProjects.values()]);
  const links: Array<{ eventId: string; indicatorId: string }> = [];
  const all: Array<DemoEvent & { division: string }> = [
    ...WEST_DISTRICT_EVENTS.map((e) => ({ ...e, division: '510403' })),
    ...otherDistrictEvents(),
    ...recentDistrictEvents(today),
  ];

  const events: Array<Partial<OutreachEventEntity>> = [];
  const history: Array<Partial<EventHistoryEntity>> = [];
  for (const e of all) {
    const status: EventStatus = e.status ?? 'approved';
    const west = e.division === '510403';
    const creator = west ? staff : { id: null, name: `${e.organizer ?? ''}工作人员` };
    const reviewer = west ? leader : city;
    // Never in the future: today's and yesterday's events were entered and submitted by now.
    const notAfterNow = (time: number) => new Date(Math.min(time, Date.now()));
    const created = notAfterNow(Date.parse(`${e.end ?? e.start}T18:00:00+08:00`));
    const submitted = notAfterNow(created.getTime() + 86_400_000);
    const reviewed = notAfterNow(created.getTime() + 3 * 86_400_000);
    const id = demoId(`${e.division}|${e.start}|${e.title}`);
    const projectId = e.popsciFund && e.division === '510403' ? (fundProjects.get(Number(e.start.slice(0, 4))) ?? null) : null;
    for (const indicatorId of projectId ? (fundIndicators.get(projectId) ?? []) : []) links.push({ eventId: id, indicatorId });
    events.push({
      id,
      divisionCode: e.division,
      type: e.type,
      status,
      title: e.title,
      startDate: e.start,
      endDate: e.end ?? e.start,
      venue: e.venue,
      organizer: e.organizer ?? XIQU,
      partners: e.partners ?? [],
      audience: [...e.audience].sort((a, b) => EVENT_AUDIENCES.indexOf(a) - EVENT_AUDIENCES.indexOf(b)),
      participants: e.participants,
      personTimes: e.personTimes ?? e.participants,
      onlineViews: e.onlineViews ?? 0,
      materials: e.materials,
      volunteers: e.volunteers ?? 0,
      cost: e.cost ?? '0.00',
      projectId,
      description: e.description ?? null,
      returnReason: e.returnReason ?? null,
      createdBy: creator.id,
      createdByName: creator.name,
      submittedBy: status === 'draft' ? null : creator.id,
      submittedByName: status === 'draft' ? null : creator.name,
      submittedAt: status === 'draft' ? null : submitted,
      reviewedBy: status === 'approved' || status === 'returned' ? reviewer.id : null,
      reviewedByName: status === 'approved' || status === 'returned' ? reviewer.name : null,
      reviewedAt: status === 'approved' || status === 'returned' ? reviewed : null,
      createdAt: created,
      updatedAt: status === 'draft' ? created : status === 'submitted' ? submitted : reviewed,
    });
    const step = (action: EventHistoryEntity['action'], from: EventStatus | null, to: EventStatus, at: Date, actor: { id: string | null; name: string }, reason: string | null = null) =>
      history.push({ eventId: id, action, fromStatus: from, toStatus: to, reason, actorId: actor.id, actorName: actor.name, at });
    step('created', null, 'draft', created, creator);
    if (status !== 'draft') step('submitted', 'draft', 'submitted', submitted, creator);
    if (status === 'approved') step('approved', 'submitted', 'approved', reviewed, reviewer);
    if (status === 'returned') step('returned', 'submitted', 'returned', reviewed, reviewer, e.returnReason ?? null);
  }
  // In slices: one INSERT may carry at most 65,535 parameters.
  for (let i = 0; i < events.length; i += 500) {
    await manager.createQueryBuilder().insert().into(OutreachEventEntity).values(events.slice(i, i + 500)).callListeners(false).updateEntity(false).execute();
  }
  for (let i = 0; i < links.length; i += 1_000) {
    await manager.createQueryBuilder().insert().into(EventIndicatorEntity).values(links.slice(i, i + 1_000)).callListeners(false).updateEntity(false).execute();
  }
  for (let i = 0; i < history.length; i += 1_000) {
    await manager.createQueryBuilder().insert().into(EventHistoryEntity).values(history.slice(i, i + 1_000)).callListeners(false).updateEntity(false).execute();
  }
}
