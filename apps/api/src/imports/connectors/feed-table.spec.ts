import { FeedFormatError, feedRowsToTable, mergeFeedPages, parseFeedPage } from './feed-table.js';

describe(parseFeedPage.name, () => {
  it('should read batches, nextPage and cursor when the page is well formed', () => {
    expect(parseFeedPage({ batches: [{ dataset: 'deals', rows: [{ a: 1 }] }], nextPage: 2, cursor: 'c1' }, 1)).toEqual({
      batches: [{ dataset: 'deals', rows: [{ a: 1 }] }], nextPage: 2, cursor: 'c1',
    });
    expect(parseFeedPage({ batches: [], cursor: 'c2' }, 3)).toEqual({ batches: [], nextPage: null, cursor: 'c2' });
  });

  it('should refuse garbage before anything is imported', () => {
    expect(() => parseFeedPage('hello')).toThrow(FeedFormatError);
    expect(() => parseFeedPage([{ dataset: 'deals', rows: [] }])).toThrow(/not an object with batches/);
    expect(() => parseFeedPage({ batches: {}, cursor: 'c' })).toThrow(/batches must be an array/);
    expect(() => parseFeedPage({ batches: [], nextPage: null })).toThrow(/cursor must be a non-empty string/);
    expect(() => parseFeedPage({ batches: [], nextPage: 1, cursor: 'c' }, 1)).toThrow(/nextPage must be null or an integer greater than 1/);
    expect(() => parseFeedPage({ batches: [{ dataset: 'nope', rows: [] }], cursor: 'c' })).toThrow(/dataset must be one of/);
    expect(() => parseFeedPage({ batches: [{ dataset: 'deals', rows: {} }], cursor: 'c' })).toThrow(/rows must be an array/);
    expect(() => parseFeedPage({ batches: [{ dataset: 'deals', rows: [] }, { dataset: 'deals', rows: [1] }], cursor: 'c' }, 2)).toThrow(/page 2, batch 1: row 1 is not an object/);
  });
});

describe(mergeFeedPages.name, () => {
  it('should join every page\'s rows per dataset in catalogue order when pages mix datasets', () => {
    const merged = mergeFeedPages([
      { batches: [{ dataset: 'popsci', rows: [{ p: 1 }] }, { dataset: 'deals', rows: [{ d: 1 }] }], nextPage: 2, cursor: 'a' },
      { batches: [{ dataset: 'deals', rows: [{ d: 2 }] }, { dataset: 'listings', rows: [] }], nextPage: null, cursor: 'b' },
    ]);
    expect(merged).toEqual([{ dataset: 'deals', rows: [{ d: 1 }, { d: 2 }] }, { dataset: 'popsci', rows: [{ p: 1 }] }]);
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
