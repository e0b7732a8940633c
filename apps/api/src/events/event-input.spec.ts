import { audienceOf, normalizeEventInput as normalize, typeOf, type EventTypeRef } from './event-input.js';
import { type EventInput } from '@app/contracts';

// Raw request bodies: anything a client may send, right or wrong.
const normalizeEventInput = (raw: Record<string, unknown>, context: Parameters<typeof normalize>[1]) => normalize(raw as EventInput & Record<string, unknown>, context);

const TYPES: EventTypeRef[] = [
  { code: 'popsci_day', nameZh: '全国科普日', nameEn: 'National Science Popularization Day', active: true },
  { code: 'health', nameZh: '健康科普', nameEn: 'Health education', active: true },
  { code: 'old', nameZh: '旧类型', nameEn: 'Old', active: false },
];
const context = { types: TYPES, defaultDivision: '510403' };
const fields = (errors: Array<{ field: string }>) => errors.map((e) => e.field).sort();

describe('normalizeEventInput', () => {
  it('should fill the defaults when only title, type and start are given', () => {
    const { value, errors } = normalizeEventInput({ title: ' 全国科普日 ', type: '全国科普日', start: '2021-09-18', participants: 700 }, context);
    expect(errors).toEqual([]);
    expect(value).toMatchObject({ title: '全国科普日', type: 'popsci_day', end: '2021-09-18', division: '510403', personTimes: 700, materials: 0, cost: '0.00', partners: [], audience: [] });
  });

  it('should name every failing field when several rules are broken at once', () => {
    const { value, errors } = normalizeEventInput(
      { title: '', type: 'fireworks', start: '2021-09-18', end: '2021-09-17', participants: 10, personTimes: 9, materials: -1, volunteers: 1.5, cost: '12.345', audience: ['aliens'], projectId: 'no pe' },
      context,
    );
    expect(value).toBeNull();
    expect(fields(errors)).toEqual(['audience', 'cost', 'end', 'materials', 'personTimes', 'projectId', 'title', 'type', 'volunteers']);
    expect(errors.find((e) => e.field === 'personTimes')?.message).toContain('不能少于参与人数');
    expect(errors.find((e) => e.field === 'materials')?.message).toContain('不能为负数');
  });

  it('should refuse impossible dates and a retired type unless the event already has it', () => {
    expect(fields(normalizeEventInput({ title: 't', type: 'health', start: '2021-02-30' }, context).errors)).toEqual(['start']);
    expect(fields(normalizeEventInput({ title: 't', type: 'old', start: '2021-02-03' }, context).errors)).toEqual(['type']);
    expect(normalizeEventInput({ title: 't', type: 'old', start: '2021-02-03' }, { ...context, currentType: 'old' }).errors).toEqual([]);
  });

  it('should normalise money, audiences and lists when given in loose forms', () => {
    const { value } = normalizeEventInput(
      { title: 't', type: 'health', start: '2021-06-18', cost: '02000.5', audience: ['老年人', 'residents', 'elderly'], partners: ['a', ' a ', ''], indicatorIds: ['B5A0D3C4-1111-4222-8333-444455556666'] },
      context,
    );
    expect(value).toMatchObject({ cost: '2000.50', audience: ['elderly', 'residents'], partners: ['a'], indicatorIds: ['b5a0d3c4-1111-4222-8333-444455556666'] });
  });

  it('should refuse a malformed division code when one is given', () => {
    expect(fields(normalizeEventInput({ title: 't', type: 'health', start: '2021-06-18', division: '5104' }, context).errors)).toEqual(['division']);
  });
});

describe('typeOf and audienceOf', () => {
  it('should accept codes, Chinese and English names when looking up', () => {
    expect(typeOf('health', TYPES)?.code).toBe('health');
    expect(typeOf('健康科普', TYPES)?.code).toBe('health');
    expect(typeOf('national science popularization day', TYPES)?.code).toBe('popsci_day');
    expect(typeOf('烟花', TYPES)).toBeNull();
    expect(audienceOf('青少年')).toBe('youth');
    expect(audienceOf('Farmers')).toBe('farmers');
    expect(audienceOf('外星人')).toBeNull();
  });
});
