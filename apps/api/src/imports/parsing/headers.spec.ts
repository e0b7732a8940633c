import { ImportFileError } from '../../spreadsheets/readers/import-file-error.js';
import { canonicalHeaders, columnLetter, headerScore, matchHeaders, normalizeHeader } from './headers.js';

function fileError(run: () => unknown): ImportFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('expected an ImportFileError');
}

describe('headers', () => {
  describe('normalizeHeader', () => {
    it('should fold full-width brackets, spaces, case and required stars when comparing headers', () => {
      expect(normalizeHeader(' 成交金额（元） ')).toBe(normalizeHeader('成交金额(元)'));
      expect(normalizeHeader('*成交 日期')).toBe('成交日期');
      expect(normalizeHeader('Division_Code')).toBe('divisioncode');
      expect(normalizeHeader('成交金额【万元】')).toBe('成交金额(万元)');
    });
  });

  describe('matchHeaders', () => {
    it('should map Chinese headers in any order when they are the canonical ones', () => {
      const mapping = matchHeaders('deals', ['名称', '成交金额(元)', '成交日期', '区划代码', '类型', '编号', '备注']);

      expect(mapping.columns.externalId).toEqual({ index: 5, header: '编号' });
      expect(mapping.columns.amountYuan).toEqual({ index: 1, header: '成交金额(元)' });
      expect(mapping.ignoredHeaders).toEqual(['备注']);
    });

    it.each([['成交金额(元)'], ['成交金额（元）'], ['金额'], ['amount'], ['Amount'], ['成交金额']])(
      'should recognise %s as the amount in 元',
      (header) => {
        expect(matchHeaders('deals', ['编号', '类型', '区县', '成交日期', header]).columns.amountYuan?.header).toBe(header);
      },
    );

    it('should recognise the 万元 column when the export is in 万元', () => {
      const mapping = matchHeaders('deals', ['id', 'type', 'district', 'date', '成交金额（万元）']);

      expect(mapping.columns.amountWan?.index).toBe(4);
      expect(mapping.columns.amountYuan).toBeUndefined();
    });

    it('should map English headers for every dataset', () => {
      expect(Object.keys(matchHeaders('listings', ['ID', 'Kind', 'Division Code', 'Date']).columns)).toEqual(['externalId', 'kind', 'divisionCode', 'listedDate']);
      expect(Object.keys(matchHeaders('registrations', ['id', 'user type', 'district', 'date']).columns)).toEqual(['externalId', 'userType', 'divisionName', 'registeredDate']);
      expect(Object.keys(matchHeaders('popsci', ['division code', 'day', 'channel', 'households', 'person-times']).columns)).toEqual([
        'divisionCode',
        'serviceDate',
        'channel',
        'households',
        'personTimes',
      ]);
    });

    it('should name every missing required column when some are absent', () => {
      const error = fileError(() => matchHeaders('deals', ['编号', '名称']));

      expect(error.code).toBe('MISSING_COLUMNS');
      expect(error.details.missing).toEqual(['类型', '区划代码/区县', '成交日期', '成交金额(元)']);
      expect(error.message).toContain('类型、区划代码/区县、成交日期、成交金额(元)');
    });

    it('should accept either 区划代码 or 区县 when one of them is present', () => {
      expect(() => matchHeaders('popsci', ['区县', '日期', '渠道', '服务户数', '服务人次'])).not.toThrow();
      expect(() => matchHeaders('popsci', ['区划代码', '区县', '日期', '渠道', '服务户数', '服务人次'])).not.toThrow();
    });

    it('should refuse duplicate columns when two headers mean the same field', () => {
      const same = fileError(() => matchHeaders('deals', ['编号', '类型', '区县', '成交日期', '金额', '成交金额（元）']));
      const units = fileError(() => matchHeaders('deals', ['编号', '类型', '区县', '成交日期', '成交金额(元)', '成交金额(万元)']));

      expect(same.code).toBe('DUPLICATE_COLUMN');
      expect(same.message).toContain('E');
      expect(same.message).toContain('F');
      expect(units.code).toBe('DUPLICATE_COLUMN');
    });

    it('should report no recognisable header when no column matches', () => {
      const error = fileError(() => matchHeaders('popsci', ['foo', 'bar', '']));

      expect(error.code).toBe('NO_HEADER');
      expect(error.details.expected).toEqual(canonicalHeaders('popsci'));
    });
  });

  describe('headerScore', () => {
    it('should score a header row above a title row', () => {
      expect(headerScore(['西区科技服务成交明细'])).toBe(0);
      expect(headerScore(['编号', '类型', '成交金额（元）', 'x'], 'deals')).toBe(3);
    });
  });

  describe('columnLetter', () => {
    it('should spell Excel column letters', () => {
      expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
    });
  });
});
