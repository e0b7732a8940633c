import { createDivisionLookup, type DivisionRow } from './division-lookup.js';

const DIVISIONS: DivisionRow[] = [
  { code: '510000', name: '四川省', level: 'province', parentCode: null },
  { code: '510400', name: '攀枝花市', level: 'prefecture', parentCode: '510000' },
  { code: '510402', name: '东区', level: 'county', parentCode: '510400' },
  { code: '510403', name: '西区', level: 'county', parentCode: '510400' },
  { code: '510500', name: '泸州市', level: 'prefecture', parentCode: '510000' },
  { code: '510599', name: '东区', level: 'county', parentCode: '510500' },
];

describe(createDivisionLookup.name, () => {
  const lookup = createDivisionLookup(DIVISIONS);
  const west = { code: '510403', name: '西区', level: 'county' };

  it('should resolve a county by code, short name and names qualified by its city and province', () => {
    for (const value of ['510403', '西区', '攀枝花市西区', '攀枝花西区', '四川省攀枝花市西区', '四川攀枝花西区', ' 西 区 ', '５１０４０３']) {
      expect([value, lookup(value)]).toEqual([value, west]);
    }
  });

  it('should refuse an ambiguous name listing the candidate codes, and accept it qualified by its city', () => {
    expect(lookup('东区')).toEqual({
      error: { code: 'DIVISION_AMBIGUOUS', message: expect.stringContaining('510402、510599'), messageEn: expect.stringContaining('510402, 510599'), params: { value: '东区', candidates: '510402,510599' } },
    });
    expect(lookup('攀枝花市东区')).toMatchObject({ code: '510402' });
    expect(lookup('泸州东区')).toMatchObject({ code: '510599' });
  });

  it('should refuse unknown codes and names, and divisions above the county when only counties are allowed', () => {
    expect(lookup('519999')).toEqual({ error: expect.objectContaining({ code: 'DIVISION_UNKNOWN', message: '区划代码 519999 不存在' }) });
    expect(lookup('北区')).toEqual({ error: expect.objectContaining({ code: 'DIVISION_UNKNOWN', params: { value: '北区' } }) });
    expect(lookup('510400')).toEqual({ error: expect.objectContaining({ code: 'DIVISION_NOT_COUNTY', message: expect.stringContaining('不是区县') }) });
    expect(lookup('攀枝花市')).toEqual({ error: expect.objectContaining({ code: 'DIVISION_NOT_COUNTY' }) });
  });

  it('should accept the levels it is given (targets: any level)', () => {
    const any = createDivisionLookup(DIVISIONS, { levels: ['province', 'prefecture', 'county'] });
    expect(any('攀枝花市')).toEqual({ code: '510400', name: '攀枝花市', level: 'prefecture' });
    expect(any('四川省')).toMatchObject({ code: '510000' });
    expect(any('四川省攀枝花市')).toMatchObject({ code: '510400' });
    expect(any('西区')).toMatchObject({ code: '510403' });
    const cities = createDivisionLookup(DIVISIONS, { levels: ['prefecture'] });
    expect(cities('西区')).toEqual({ error: expect.objectContaining({ code: 'DIVISION_LEVEL_NOT_ALLOWED', messageEn: expect.stringContaining('only a city') }) });
  });

  it('should never join both languages in one message', () => {
    for (const value of ['东区', '519999', '北区', '510400']) {
      const result = lookup(value);
      if (!('error' in result)) throw new Error(value);
      expect(result.error.message).not.toContain(' / ');
      expect(result.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(result.error.messageEn).not.toMatch(/[\u4e00-\u9fff]{2}.*\//);
    }
  });
});
