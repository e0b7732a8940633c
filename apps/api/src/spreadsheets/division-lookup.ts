// The one division lookup of every import: a cell naming a division (区划代码 or 区县 name) → its code.
// Pure (the caller loads the division rows once per file). The same answer on every screen: the
// lookup does not depend on the user; the caller checks the user's scope on the code it returns.

export type LookupLevel = 'province' | 'prefecture' | 'county';

export interface DivisionRow {
  code: string;
  name: string;
  level: LookupLevel;
  parentCode: string | null;
}

export const DIVISION_ERROR_CODES = ['DIVISION_UNKNOWN', 'DIVISION_AMBIGUOUS', 'DIVISION_NOT_COUNTY', 'DIVISION_LEVEL_NOT_ALLOWED', 'OUT_OF_SCOPE'] as const;
export type DivisionErrorCode = (typeof DIVISION_ERROR_CODES)[number];

export interface DivisionLookupError {
  code: DivisionErrorCode;
  message: string;
  messageEn: string;
  params: Record<string, string | number>;
}

export type DivisionLookupResult = { code: string; name: string; level: LookupLevel } | { error: DivisionLookupError };

export interface DivisionLookupOptions {
  /** The levels a cell may name. Facts (platform data, events) are booked to counties only, the default. */
  levels?: readonly LookupLevel[];
}

const LEVEL_ZH: Record<LookupLevel, string> = { province: '省级', prefecture: '市级', county: '区县级' };
const LEVEL_EN: Record<LookupLevel, string> = { province: 'province', prefecture: 'city', county: 'district or county' };

const normalize = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');

/** "攀枝花市" → ["攀枝花市", "攀枝花"]: a city or province may be written without its suffix when it prefixes a name. */
const shortForms = (name: string): string[] => {
  const short = name.replace(/(市|省|自治州|地区)$/, '');
  return short && short !== name ? [name, short] : [name];
};

export function createDivisionLookup(divisions: readonly DivisionRow[], options: DivisionLookupOptions = {}): (value: string) => DivisionLookupResult {
  const levels = options.levels ?? ['county'];
  const byCode = new Map(divisions.map((d) => [d.code, d]));
  const byName = new Map<string, Set<string>>();
  const add = (name: string, code: string) => {
    const key = normalize(name);
    if (!byName.has(key)) byName.set(key, new Set());
    byName.get(key)!.add(code);
  };
  for (const division of divisions) {
    // Its name, then prefixed by each ancestor chain: "西区", "攀枝花市西区", "攀枝花西区", "四川省攀枝花市西区", "四川攀枝花西区".
    let names = [division.name];
    add(division.name, division.code);
    let parent = division.parentCode ? byCode.get(division.parentCode) : undefined;
    while (parent) {
      const prefixes = shortForms(parent.name);
      names = names.flatMap((name) => prefixes.map((prefix) => `${prefix}${name}`));
      for (const name of names) add(name, division.code);
      parent = parent.parentCode ? byCode.get(parent.parentCode) : undefined;
    }
  }

  const levelError = (division: DivisionRow, value: string): DivisionLookupError => {
    const params = { value, code: division.code, name: division.name, level: division.level };
    if (levels.length === 1 && levels[0] === 'county') {
      return { code: 'DIVISION_NOT_COUNTY', message: `“${value}”（${division.name}，${division.code}）不是区县，请填写区县`, messageEn: `"${value}" (${division.code}) is not a district or county; give one`, params };
    }
    return {
      code: 'DIVISION_LEVEL_NOT_ALLOWED',
      message: `“${value}”是${LEVEL_ZH[division.level]}区划，此处只能填写${levels.map((l) => LEVEL_ZH[l]).join('、')}区划`,
      messageEn: `"${value}" is a ${LEVEL_EN[division.level]}; only a ${levels.map((l) => LEVEL_EN[l]).join(' or ')} is accepted here`,
      params,
    };
  };

  return (value: string): DivisionLookupResult => {
    const text = normalize(value);
    if (/^\d{6}$/.test(text)) {
      const division = byCode.get(text);
      if (!division) return { error: { code: 'DIVISION_UNKNOWN', message: `区划代码 ${text} 不存在`, messageEn: `No division has the code ${text}`, params: { value: text } } };
      if (!levels.includes(division.level)) return { error: levelError(division, value) };
      return { code: division.code, name: division.name, level: division.level };
    }
    const candidates = [...(byName.get(text) ?? [])].map((code) => byCode.get(code)!);
    const allowed = candidates.filter((d) => levels.includes(d.level));
    if (allowed.length === 1) return { code: allowed[0].code, name: allowed[0].name, level: allowed[0].level };
    if (allowed.length > 1) {
      const codes = allowed.map((d) => d.code).sort();
      return {
        error: {
          code: 'DIVISION_AMBIGUOUS',
          message: `名称“${value}”对应多个区划（${codes.join('、')}），请填写区划代码或带上所属市的名称`,
          messageEn: `"${value}" names several divisions (${codes.join(', ')}); give the 6-digit code or the name with its city`,
          params: { value, candidates: codes.join(',') },
        },
      };
    }
    if (candidates.length > 0) return { error: levelError(candidates[0], value) };
    return { error: { code: 'DIVISION_UNKNOWN', message: `区划“${value}”无法识别，请填写区划代码或区县名称`, messageEn: `Unknown division "${value}"; give its 6-digit code or its name`, params: { value } } };
  };
}

/** A division the user may not write to: the lookup found it, the scope refuses it. */
export function divisionOutOfScope(value: string, code: string): DivisionLookupError {
  return { code: 'OUT_OF_SCOPE', message: `区划 ${code} 不在您的权限范围内`, messageEn: `Division ${code} is outside your scope`, params: { value, code } };
}
