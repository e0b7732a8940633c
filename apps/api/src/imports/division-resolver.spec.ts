import { createDivisionResolver, type DivisionRow } from './division-resolver.js';

const DIVISIONS: DivisionRow[] = [
  { code: '510000', name: '四川省', level: 'province', parentCode: null },
  { code: '510400', name: '攀枝花市', level: 'prefecture', parentCode: '510000' },
  { code: '510402', name: '东区', level: 'county', parentCode: '510400' },
  { code: '510403', name: '西区', level: 'county', parentCode: '510400' },
  { code: '510500', name: '泸州市', level: 'prefecture', parentCode: '510000' },
  { code: '510599', name: '东区', level: 'county', parentCode: '510500' },
];

describe(createDivisionResolver.name, () => {
  const resolve = createDivisionResolver(DIVISIONS);

  it('should resolve a county by code, short name and full names', () => {
    expect(resolve('510403')).toEqual({ code: '510403' });
    expect(resolve('西区')).toEqual({ code: '510403' });
    expect(resolve('攀枝花市西区')).toEqual({ code: '510403' });
    expect(resolve('攀枝花西区')).toEqual({ code: '510403' });
    expect(resolve('四川省攀枝花市西区')).toEqual({ code: '510403' });
    expect(resolve(' 西 区 ')).toEqual({ code: '510403' });
  });

  it('should refuse an ambiguous name but accept it qualified by its city', () => {
    expect(resolve('东区')).toEqual({ error: expect.stringContaining('510402') });
    expect(resolve('攀枝花市东区')).toEqual({ code: '510402' });
  });

  it('should refuse unknown codes, non-county divisions and unknown names', () => {
    expect(resolve('519999')).toEqual({ error: expect.stringContaining('不存在') });
    expect(resolve('510400')).toEqual({ error: expect.stringContaining('不是区县级') });
    expect(resolve('攀枝花市')).toEqual({ error: expect.stringContaining('不是区县') });
    expect(resolve('北区')).toEqual({ error: expect.stringContaining('无法识别') });
  });
});
