import { FeedFormatError, feedRowsToTable, parseFeedBody } from './feed-table.js';

describe(parseFeedBody.name, () => {
  it('should accept one payload or an array of payloads', () => {
    expect(parseFeedBody({ dataset: 'deals', rows: [] })).toEqual([{ dataset: 'deals', rows: [] }]);
    expect(parseFeedBody([{ dataset: 'deals', rows: [{ a: 1 }] }, { dataset: 'popsci', rows: [] }])).toHaveLength(2);
  });

  it('should refuse garbage before anything is imported', () => {
    expect(() => parseFeedBody('hello')).toThrow(FeedFormatError);
    expect(() => parseFeedBody({ dataset: 'nope', rows: [] })).toThrow(/dataset must be one of/);
    expect(() => parseFeedBody({ dataset: 'deals', rows: {} })).toThrow(/rows must be an array/);
    expect(() => parseFeedBody([{ dataset: 'deals', rows: [] }, { dataset: 'deals', rows: [1] }])).toThrow(/item 1: row 1 is not an object/);
  });
});

describe(feedRowsToTable.name, () => {
  it('should take the union of keys as headers and stringify values', () => {
    const table = feedRowsToTable([
      { 编号: 'A1', amountYuan: 12.5 },
      { 编号: 'A2', divisionCode: '510403', amountYuan: null },
    ]);
    expect(table.headers).toEqual(['编号', 'amountYuan', 'divisionCode']);
    expect(table.rows).toEqual([
      { row: 1, cells: ['A1', '12.5', ''] },
      { row: 2, cells: ['A2', '', '510403'] },
    ]);
  });
});
