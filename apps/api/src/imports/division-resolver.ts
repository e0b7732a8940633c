// Turns the 区划代码 / 区县 cell of an import row into a county-level division code. Facts are
// booked to counties only: city and province figures are sums of their counties (DESIGN §4).

export interface DivisionRow {
  code: string;
  name: string;
  level: 'province' | 'prefecture' | 'county';
  parentCode: string | null;
}

export type DivisionResolution = { code: string } | { error: string };

const normalize = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');

export function createDivisionResolver(divisions: readonly DivisionRow[]): (codeOrName: string) => DivisionResolution {
  const byCode = new Map(divisions.map((d) => [d.code, d]));
  const byName = new Map<string, Set<string>>();
  const add = (name: string, code: string) => {
    const key = normalize(name);
    if (!byName.has(key)) byName.set(key, new Set());
    byName.get(key)!.add(code);
  };
  for (const division of divisions) {
    if (division.level !== 'county') continue;
    add(division.name, division.code);
    // "攀枝花市西区", "攀枝花西区", "四川省攀枝花市西区"
    const parent = division.parentCode ? byCode.get(division.parentCode) : undefined;
    if (parent) {
      add(`${parent.name}${division.name}`, division.code);
      add(`${parent.name.replace(/市$/, '')}${division.name}`, division.code);
      const province = parent.parentCode ? byCode.get(parent.parentCode) : undefined;
      if (province) add(`${province.name}${parent.name}${division.name}`, division.code);
    }
  }
  const nonCountyNames = new Set(divisions.filter((d) => d.level !== 'county').map((d) => normalize(d.name)));

  return (value: string): DivisionResolution => {
    const text = normalize(value);
    if (/^\d{6}$/.test(text)) {
      const division = byCode.get(text);
      if (!division) return { error: `区划代码 ${text} 不存在 / no division has the code ${text}` };
      if (division.level !== 'county') {
        return { error: `${text}（${division.name}）不是区县级区划，请填写区县 / ${text} is not a county-level division; give the district or county` };
      }
      return { code: division.code };
    }
    const codes = byName.get(text);
    if (codes?.size === 1) return { code: [...codes][0] };
    if (codes && codes.size > 1) {
      return { error: `区县名称“${value}”不唯一（${[...codes].sort().join('、')}），请填写区划代码 / "${value}" is ambiguous (${[...codes].sort().join(', ')}); give the 6-digit code` };
    }
    if (nonCountyNames.has(text)) return { error: `“${value}”不是区县，请填写区县 / "${value}" is not a district or county` };
    return { error: `区县“${value}”无法识别 / unknown division "${value}"` };
  };
}
