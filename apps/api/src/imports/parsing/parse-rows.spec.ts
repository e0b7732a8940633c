import { parseAmount, parseCount, parseDate, todayInShanghai } from '../../spreadsheets/readers/cell-values.js';
import { parseRows, type RowError } from './parse-rows.js';
import { type ReadTableResult, type TableRow } from '../../spreadsheets/readers/table.js';

const TODAY = '2021-12-15';
const divisions: Record<string, string> = { '510403': '510403', '510402': '510402', 西区: '510403', 攀枝花市西区: '510403', 东区: '510402' };
const ctx = {
  today: TODAY,
  resolveDivision: (value: string) =>
    divisions[value] ? { code: divisions[value] } : { error: { code: 'DIVISION_UNKNOWN' as const, message: `区县“${value}”不存在`, messageEn: `unknown division "${value}"`, params: { value } } },
};

function table(headers: string[], ...rows: (string[] | TableRow)[]): ReadTableResult {
  return {
    format: 'csv',
    headerRow: 1,
    headers,
    rows: rows.map((row, i) => (Array.isArray(row) ? { row: i + 2, cells: row } : row)),
  };
}

const DEAL_HEADERS = ['编号', '类型', '区划代码', '成交日期', '成交金额(元)'];
const deal = (overrides: Partial<Record<'id' | 'kind' | 'code' | 'date' | 'amount', string>> = {}) => [
  overrides.id ?? 'D1',
  overrides.kind ?? '科技服务',
  overrides.code ?? '510403',
  overrides.date ?? '2021-03-01',
  overrides.amount ?? '100',
];

function errorsFor(headers: string[], ...rows: string[][]): Pick<RowError, 'row' | 'column' | 'value' | 'code'>[] {
  return parseRows('deals', table(headers, ...rows), ctx).errors.map(({ row, column, value, code }) => ({ row, column, value, code }));
}

describe('parseRows', () => {
  describe('deals', () => {
    it('should type a valid deal when every cell is well formed', () => {
      const result = parseRows(
        'deals',
        table([...DEAL_HEADERS, '需求方', '服务方', '名称'], ['D1', '科技服务', '510403', '2021/3/1', '¥1,234.50', ' 攀钢 ', '', '检测']),
        ctx,
      );

      expect(result).toEqual({
        rows: [
          {
            row: 2,
            externalId: 'D1',
            kind: 'tech_service',
            divisionCode: '510403',
            dealDate: '2021-03-01',
            amountYuan: '1234.50',
            demander: '攀钢',
            provider: null,
            title: '检测',
          },
        ],
        errors: [],
        ignoredHeaders: [],
      });
    });

    it('should convert 万元 to 元 exactly when the amount column is in 万元', () => {
      const result = parseRows(
        'deals',
        table(['编号', '类型', '区县', '成交日期', '成交金额(万元)'], ['D1', 'research_project', '攀枝花市西区', '2021-11-30', '41790'], ['D2', '科技服务', '西区', '2021-11-30', '9270.8']),
        ctx,
      );

      expect(result.rows.map((row) => [row.kind, row.divisionCode, row.amountYuan])).toEqual([
        ['research_project', '510403', '417900000.00'],
        ['tech_service', '510403', '92708000.00'],
      ]);
    });

    it('should report every bad cell of a row with the header as written when a row has several problems', () => {
      const errors = parseRows('deals', table(DEAL_HEADERS, ['', '咨询', '51040', '2021-02-30', '-5']), ctx).errors;

      expect(errors.map(({ column, code }) => [column, code])).toEqual([
        ['编号', 'REQUIRED'],
        ['类型', 'UNKNOWN_KIND'],
        ['区划代码', 'INVALID_DIVISION_CODE'],
        ['成交日期', 'INVALID_DATE'],
        ['成交金额(元)', 'NEGATIVE_AMOUNT'],
      ]);
      expect(errors[1].message).toBe('类型无法识别，可选值：科技服务、科技成果转化、科研项目');
      expect(errors[1].messageEn).toContain('allowed: 科技服务, ');
      expect(errors[1].messageEn).not.toContain('tech_service');
      expect(errors.every((error) => error.row === 2 && /[\u4e00-\u9fff]/.test(error.message) && error.messageEn !== '')).toBe(true);
    });

    it.each([
      ['1e309', 'INVALID_AMOUNT'],
      ['NaN', 'INVALID_AMOUNT'],
      ['Infinity', 'INVALID_AMOUNT'],
      ['-5', 'NEGATIVE_AMOUNT'],
      ['1.005', 'TOO_MANY_DECIMALS'],
      ['1,5', 'INVALID_AMOUNT'],
      ['12,34.5', 'INVALID_AMOUNT'],
      ['1000000000000000', 'AMOUNT_TOO_LARGE'],
      ['abc', 'INVALID_AMOUNT'],
    ])('should reject the amount %s with %s', (amount, code) => {
      expect(errorsFor(DEAL_HEADERS, deal({ amount }))).toEqual([{ row: 2, column: '成交金额(元)', value: amount, code }]);
    });

    it('should reject a deal whose division is unknown with the code and messages of the lookup', () => {
      const errors = parseRows('deals', table(['编号', '类型', '区县', '成交日期', '金额'], ['D1', '科技服务', '火星区', '2021-03-01', '1']), ctx).errors;

      expect(errors).toEqual([
        { row: 2, column: '区县', value: '火星区', code: 'DIVISION_UNKNOWN', message: '区县“火星区”不存在', messageEn: 'unknown division "火星区"' },
      ]);
    });

    it('should fall back to 区县 when the 区划代码 cell is empty', () => {
      const result = parseRows('deals', table(['编号', '类型', '区划代码', '区县', '成交日期', '金额'], ['D1', '科技服务', '', '东区', '2021-03-01', '1']), ctx);

      expect(result.rows[0].divisionCode).toBe('510402');
    });

    it('should name the first row when an external id repeats for the same kind', () => {
      const result = parseRows('deals', table(DEAL_HEADERS, deal(), deal({ kind: '科研项目' }), deal({ amount: '200' })), ctx);

      expect(result.rows.map((row) => row.row)).toEqual([2, 3]);
      expect(result.errors).toEqual([
        { row: 4, column: '编号', value: 'D1', code: 'DUPLICATE_ID', message: '编号与第 2 行重复', messageEn: 'same external id as row 2' },
      ]);
    });

    it('should turn a formula without cached value into a cell error when the XLSX reader flagged it', () => {
      const errors = parseRows(
        'deals',
        table(DEAL_HEADERS, { row: 7, cells: deal({ amount: '' }), cellIssues: [{ column: 4, message: '公式没有计算结果', messageEn: 'formula without a cached result' }] }),
        ctx,
      ).errors;

      expect(errors).toEqual([{ row: 7, column: '成交金额(元)', value: '', code: 'CELL_ERROR', message: '公式没有计算结果', messageEn: 'formula without a cached result' }]);
    });

    it('should reject an over-long external id', () => {
      expect(errorsFor(DEAL_HEADERS, deal({ id: 'x'.repeat(101) }))[0].code).toBe('TEXT_TOO_LONG');
    });
  });

  describe('listings and registrations', () => {
    it('should map every Chinese kind to its English value', () => {
      const kinds = ['科技所需', '科技所能', '科技成果', '科研项目', '科研项目发布', '科创工作室', '科普共享基地'];
      const result = parseRows('listings', table(['编号', '类型', '区划代码', '发布日期'], ...kinds.map((kind, i) => [`L${i}`, kind, '510403', '2021-01-01'])), ctx);

      expect(result.errors).toEqual([]);
      expect(result.rows.map((row) => row.kind)).toEqual(['need', 'capability', 'achievement', 'research_project', 'research_project', 'studio', 'sharing_base']);
    });

    it('should parse user types and reject unknown ones with the allowed list', () => {
      const result = parseRows(
        'registrations',
        table(['编号', '用户类型', '区划代码', '注册日期'], ['U1', '科技工作者', '510403', '2021-01-01'], ['U2', 'Resident', '510403', '2021年1月2日'], ['U3', '游客', '510403', '2021-01-03']),
        ctx,
      );

      expect(result.rows.map((row) => [row.userType, row.registeredDate])).toEqual([
        ['scientist', '2021-01-01'],
        ['resident', '2021-01-02'],
      ]);
      expect(result.errors[0].message).toBe('类型无法识别，可选值：科技工作者、企事业单位、城乡群众、科普组织');
    });
  });

  describe('popsci', () => {
    const HEADERS = ['区县', '日期', '渠道', '服务户数', '服务人次'];

    it('should parse channels and counts', () => {
      const result = parseRows('popsci', table(HEADERS, ['西区', '2021-11-01', 'APP', '1,723', '691200'], ['西区', '2021-11-01', '微信', '0', '0']), ctx);

      expect(result.rows).toEqual([
        { row: 2, divisionCode: '510403', serviceDate: '2021-11-01', channel: 'app', households: 1723, personTimes: 691200 },
        { row: 3, divisionCode: '510403', serviceDate: '2021-11-01', channel: 'wechat', households: 0, personTimes: 0 },
      ]);
    });

    it('should reject negative, fractional and non-numeric counts', () => {
      const errors = parseRows('popsci', table(HEADERS, ['西区', '2021-11-01', '短信', '-1', '2.5'], ['西区', '2021-11-02', '短信', '十', '']), ctx).errors;

      expect(errors.map(({ row, column, code }) => [row, column, code])).toEqual([
        [2, '服务户数', 'INVALID_COUNT'],
        [2, '服务人次', 'INVALID_COUNT'],
        [3, '服务户数', 'INVALID_COUNT'],
        [3, '服务人次', 'REQUIRED'],
      ]);
      expect(errors[0].message).toBe('数量不能为负数');
    });

    it('should reject a repeated division, day and channel naming the first row', () => {
      const result = parseRows('popsci', table(HEADERS, ['西区', '2021-11-01', '短信', '1', '1'], ['攀枝花市西区', '2021/11/1', 'sms', '2', '2']), ctx);

      expect(result.rows).toHaveLength(1);
      expect(result.errors).toEqual([
        {
          row: 3,
          column: '区县+日期+渠道',
          value: '攀枝花市西区 / 2021/11/1 / sms',
          code: 'DUPLICATE_KEY',
          message: '与第 2 行的区县、日期、渠道相同',
          messageEn: 'same division, date and channel as row 2',
        },
      ]);
    });
  });
});

describe('cell values', () => {
  describe('parseDate', () => {
    it.each([
      ['2021-03-01', '2021-03-01'],
      ['2021/3/1', '2021-03-01'],
      ['2021.3.1', '2021-03-01'],
      ['2021年3月1日', '2021-03-01'],
      ['２０２１－０３－０１', '2021-03-01'],
      ['2021-03-01 10:23:45', '2021-03-01'],
      ['20210301', '2021-03-01'],
      ['44256', '2021-03-01'],
      ['2021-03-01T20:00:00Z', '2021-03-02'],
      ['2024-02-29', null],
      ['2021-12-16', '2021-12-16'],
      ['2000-01-01', '2000-01-01'],
    ])('should read %s as %s', (raw, expected) => {
      const today = raw === '2024-02-29' ? '2024-03-01' : TODAY;
      expect(parseDate(raw, today)).toEqual({ ok: true, value: expected ?? raw });
    });

    it.each([
      ['2021-02-30', 'INVALID_DATE', '日期不存在'],
      ['2023-02-29', 'INVALID_DATE', '日期不存在'],
      ['2021-13-01', 'INVALID_DATE', '日期不存在'],
      ['03/01/2021', 'INVALID_DATE', '日期格式无法识别，请使用 YYYY-MM-DD'],
      ['yesterday', 'INVALID_DATE', '日期格式无法识别，请使用 YYYY-MM-DD'],
      ['1999-12-31', 'DATE_OUT_OF_RANGE', '日期早于 2000-01-01'],
      ['2021-12-17', 'DATE_OUT_OF_RANGE', '日期晚于 2021-12-16，不能是将来的日期'],
    ])('should reject %s with %s', (raw, code, message) => {
      expect(parseDate(raw, TODAY)).toMatchObject({ ok: false, code, message });
    });
  });

  describe('parseAmount', () => {
    it.each([
      ['0', 'yuan', '0.00'],
      ['1,234.50', 'yuan', '1234.50'],
      ['¥ 99.9', 'yuan', '99.90'],
      ['￥1,000', 'yuan', '1000.00'],
      ['12元', 'yuan', '12.00'],
      ['.5', 'yuan', '0.50'],
      ['1.230', 'yuan', '1.23'],
      ['9270.8', 'wan', '92708000.00'],
      ['0.000001', 'wan', '0.01'],
      ['150万', 'wan', '1500000.00'],
    ] as const)('should read %s (%s) as %s 元', (raw, unit, expected) => {
      expect(parseAmount(raw, unit)).toEqual({ ok: true, value: expected });
    });

    it('should refuse sub-fen amounts after converting 万元', () => {
      expect(parseAmount('0.0000001', 'wan')).toMatchObject({ ok: false, code: 'TOO_MANY_DECIMALS', message: '换算成元后小数超过两位（万元最多六位小数）' });
    });
  });

  describe('parseCount', () => {
    it('should accept integers written as Excel may export them', () => {
      expect(['12', '1,723', '12.0', '０'].map((raw) => parseCount(raw))).toEqual([12, 1723, 12, 0].map((value) => ({ ok: true, value })));
      expect(parseCount('99999999999')).toMatchObject({ ok: false, message: '数量过大' });
    });
  });

  describe('todayInShanghai', () => {
    it('should give the Shanghai day when UTC is still on the previous day', () => {
      expect(todayInShanghai(new Date('2021-11-30T16:30:00Z'))).toBe('2021-12-01');
    });
  });
});
