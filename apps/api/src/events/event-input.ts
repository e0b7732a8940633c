import { EVENT_AUDIENCE_LABELS, EVENT_AUDIENCES, type EventAudience, type EventInput, type FieldError } from '@app/contracts';

/** An event's writable fields after checking: every value present, trimmed and typed. */
export interface NormalizedEvent {
  title: string;
  type: string;
  start: string;
  end: string;
  division: string;
  venue: string | null;
  organizer: string | null;
  partners: string[];
  audience: EventAudience[];
  participants: number;
  personTimes: number;
  onlineViews: number;
  materials: number;
  volunteers: number;
  cost: string;
  projectId: string | null;
  indicatorIds: string[];
  description: string | null;
}

export interface EventTypeRef {
  code: string;
  nameZh: string;
  nameEn: string;
  active: boolean;
}

export interface EventInputContext {
  types: readonly EventTypeRef[];
  /** Used when the input names no division (the user's own). */
  defaultDivision: string;
  /** The event's current type on update: a retired type may stay on an existing event. */
  currentType?: string;
}

export const COUNT_FIELDS = ['participants', 'personTimes', 'onlineViews', 'materials', 'volunteers'] as const;
const MAX_COUNT = 2_147_483_647;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A budget project's code (budget DTO's rule). */
const PROJECT_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONEY = /^\d{1,16}(\.\d{1,2})?$/;

export function isCalendarDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const AUDIENCE_BY_LABEL = new Map<string, EventAudience>(
  EVENT_AUDIENCES.flatMap((code) => [
    [code, code],
    [EVENT_AUDIENCE_LABELS[code].zh, code],
    [EVENT_AUDIENCE_LABELS[code].en.toLowerCase(), code],
  ]),
);

/** An audience given as its code, its Chinese label or its English label. */
export function audienceOf(value: string): EventAudience | null {
  const text = value.normalize('NFKC').trim();
  return AUDIENCE_BY_LABEL.get(text) ?? AUDIENCE_BY_LABEL.get(text.toLowerCase()) ?? null;
}

/** An event type given as its code or its Chinese or English name. */
export function typeOf(value: string, types: readonly EventTypeRef[]): EventTypeRef | null {
  const text = value.normalize('NFKC').trim();
  const lower = text.toLowerCase();
  return types.find((t) => t.code === lower || t.nameZh === text || t.nameEn.toLowerCase() === lower) ?? null;
}

/**
 * Checks a whole event (create: the body; update: the stored event with the changes laid over
 * it) and names every failing field at once: required fields, formats, end before start,
 * negative counts, person-times below participants, unknown or retired types. Division scope,
 * the division's existence and the budget project are checked by the service (they need data).
 */
export function normalizeEventInput(input: EventInput & Record<string, unknown>, context: EventInputContext): { value: NormalizedEvent | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  // The Chinese for the screen, the English for the English UI and logs, a stable code for both.
  const fail = (code: string, field: string, en: string, zh: string) => errors.push({ field, code, message: zh, messageEn: en });

  const text = (field: keyof EventInput, max: number, required: boolean): string | null => {
    const raw = input[field];
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
      if (required) fail('REQUIRED', field, `${field} is required`, '必填');
      return null;
    }
    if (typeof raw !== 'string') {
      fail('NOT_TEXT', field, `${field} must be text`, '必须是文本');
      return null;
    }
    const value = raw.trim();
    if (value.length > max) {
      fail('TOO_LONG', field, `${field} must be at most ${max} characters`, `不能超过 ${max} 个字`);
      return null;
    }
    return value;
  };

  const title = text('title', 200, true);

  let type: string | null = null;
  const rawType = input.type;
  if (rawType === undefined || rawType === null || rawType === '') fail('REQUIRED', 'type', 'type is required', '请选择活动类型');
  else if (typeof rawType !== 'string') fail('UNKNOWN_TYPE', 'type', 'type must be an event type code', '活动类型无效');
  else {
    const found = typeOf(rawType, context.types);
    if (!found) {
      const known = context.types.filter((t) => t.active).map((t) => `${t.code} (${t.nameZh})`).join(', ');
      fail('UNKNOWN_TYPE', 'type', `unknown event type "${rawType}"; one of ${known}`, `未知的活动类型“${rawType}”`);
    } else if (!found.active && found.code !== context.currentType) {
      fail('TYPE_RETIRED', 'type', `event type ${found.code} is no longer in use`, `活动类型“${found.nameZh}”已停用`);
    } else type = found.code;
  }

  const day = (field: 'start' | 'end', required: boolean): string | null => {
    const raw = input[field];
    if (raw === undefined || raw === null || raw === '') {
      if (required) fail('REQUIRED', field, `${field} is required`, field === 'start' ? '请填写开始日期' : '请填写结束日期');
      return null;
    }
    if (typeof raw !== 'string' || !isCalendarDay(raw)) {
      fail('INVALID_DATE', field, `${field} must be a date YYYY-MM-DD`, '日期格式应为 YYYY-MM-DD');
      return null;
    }
    if (raw < '2000-01-01' || raw > '2099-12-31') {
      fail('DATE_OUT_OF_RANGE', field, `${field} must lie between 2000-01-01 and 2099-12-31`, '日期须在 2000–2099 年之间');
      return null;
    }
    return raw;
  };
  const start = day('start', true);
  const endGiven = day('end', false);
  const end = endGiven ?? (input.end === undefined || input.end === null || input.end === '' ? start : null);
  if (start && end && end < start) fail('END_BEFORE_START', 'end', 'end must not be before start', '结束日期不能早于开始日期');

  let division: string | null = context.defaultDivision;
  if (input.division !== undefined && input.division !== null && input.division !== '') {
    if (typeof input.division !== 'string' || !/^\d{6}$/.test(input.division)) {
      fail('INVALID_DIVISION', 'division', 'division must be a 6-digit division code', '区划代码应为 6 位数字');
      division = null;
    } else division = input.division;
  }

  const venue = text('venue', 200, false);
  const organizer = text('organizer', 200, false);
  const description = text('description', 5000, false);

  const list = (field: 'partners' | 'indicatorIds' | 'audience', max: number): string[] | null => {
    const raw = input[field];
    if (raw === undefined || raw === null) return [];
    if (!Array.isArray(raw) || raw.some((item) => typeof item !== 'string')) {
      fail('NOT_A_LIST', field, `${field} must be a list of text`, '应为文本列表');
      return null;
    }
    const items = [...new Set((raw as string[]).map((item) => item.trim()).filter(Boolean))];
    if (items.length > max) {
      fail('TOO_MANY_ENTRIES', field, `${field} may hold at most ${max} entries`, `最多 ${max} 项`);
      return null;
    }
    return items;
  };
  const partners = list('partners', 20);
  if (partners?.some((p) => p.length > 100)) fail('TOO_LONG', 'partners', 'each partner must be at most 100 characters', '每个协办单位不能超过 100 个字');

  let audience: EventAudience[] | null = null;
  const rawAudience = list('audience', EVENT_AUDIENCES.length);
  if (rawAudience) {
    const unknown = rawAudience.filter((a) => !audienceOf(a));
    if (unknown.length > 0) {
      fail('UNKNOWN_AUDIENCE', 'audience', `unknown audience ${unknown.join(', ')}; one of ${EVENT_AUDIENCES.join(', ')}`, `未知的受众：${unknown.join('、')}`);
    } else audience = [...new Set(rawAudience.map((a) => audienceOf(a)!))].sort((a, b) => EVENT_AUDIENCES.indexOf(a) - EVENT_AUDIENCES.indexOf(b));
  }

  const counts = {} as Record<(typeof COUNT_FIELDS)[number], number | null>;
  const loose = input as Record<string, unknown>;
  for (const field of COUNT_FIELDS) {
    const raw = loose[field];
    if (raw === undefined || raw === null || raw === '') {
      counts[field] = field === 'personTimes' ? null : 0; // person-times default to participants
      continue;
    }
    if (typeof raw !== 'number' || !Number.isInteger(raw)) {
      fail('NOT_AN_INTEGER', field, `${field} must be a whole number`, '必须是整数');
      counts[field] = null;
    } else if (raw < 0) {
      fail('NEGATIVE', field, `${field} must not be negative`, '不能为负数');
      counts[field] = null;
    } else if (raw > MAX_COUNT) {
      fail('TOO_LARGE', field, `${field} is too large`, '数值过大');
      counts[field] = null;
    } else counts[field] = raw;
  }
  const personTimesGiven = loose.personTimes !== undefined && loose.personTimes !== null && loose.personTimes !== '';
  if (!personTimesGiven) counts.personTimes = counts.participants;
  if (counts.participants !== null && counts.personTimes !== null && counts.personTimes < counts.participants) {
    fail('PERSON_TIMES_BELOW_PARTICIPANTS', 'personTimes', `person-times (${counts.personTimes}) must not be below participants (${counts.participants})`, `人次（${counts.personTimes}）不能少于参与人数（${counts.participants}）`);
  }

  let cost: string | null = '0.00';
  const rawCost = input.cost;
  if (rawCost !== undefined && rawCost !== null && rawCost !== '') {
    const costText = typeof rawCost === 'number' ? String(rawCost) : typeof rawCost === 'string' ? rawCost.trim() : '';
    if (/^-/.test(costText)) {
      fail('NEGATIVE', 'cost', 'cost must not be negative', '经费不能为负数');
      cost = null;
    } else if (!MONEY.test(costText)) {
      fail('INVALID_AMOUNT', 'cost', 'cost must be an amount of 元 with at most two decimals, e.g. "2000.00"', '经费应为最多两位小数的金额（元）');
      cost = null;
    } else {
      const [whole, fraction = ''] = costText.split('.');
      cost = `${BigInt(whole).toString()}.${fraction.padEnd(2, '0')}`;
    }
  }

  let projectId: string | null = null;
  if (input.projectId !== undefined && input.projectId !== null && input.projectId !== '') {
    // The project's id, or its code as the budget page shows it (510403-2026-KJY): the service resolves a code.
    if (typeof input.projectId !== 'string' || !(UUID.test(input.projectId) || PROJECT_CODE.test(input.projectId.trim()))) {
      fail('INVALID_ID', 'projectId', 'projectId must be a budget project id or code', '预算项目编号无效');
    } else projectId = UUID.test(input.projectId) ? input.projectId.toLowerCase() : input.projectId.trim();
  }

  const indicatorIds = list('indicatorIds', 50);
  if (indicatorIds?.some((id) => !UUID.test(id))) fail('INVALID_ID', 'indicatorIds', 'indicatorIds must be UUIDs', '绩效指标编号无效');

  if (errors.length > 0) return { value: null, errors };
  return {
    value: {
      title: title!,
      type: type!,
      start: start!,
      end: end!,
      division: division!,
      venue,
      organizer,
      partners: partners!,
      audience: audience!,
      participants: counts.participants!,
      personTimes: counts.personTimes!,
      onlineViews: counts.onlineViews!,
      materials: counts.materials!,
      volunteers: counts.volunteers!,
      cost: cost!,
      projectId,
      indicatorIds: indicatorIds!.map((id) => id.toLowerCase()).sort(),
      description,
    },
    errors,
  };
}
