import { PanelCache } from './panel-cache.js';

describe('PanelCache', () => {
  it('should answer only for the version an entry was computed from', () => {
    const cache = new PanelCache();
    const key = PanelCache.key('510403', '2021-11', false);
    cache.set(key, { version: 'v1', body: Buffer.from('{"a":1}') });
    expect(cache.get(key, 'v1')?.toString()).toBe('{"a":1}');
    expect(cache.get(key, 'v2')).toBeUndefined();
    expect(cache.get(PanelCache.key('510403', '2021-11', true), 'v1')).toBeUndefined();
  });

  it('should drop the least recently used entry beyond its capacity', () => {
    const cache = new PanelCache(2);
    cache.set('a', { version: '1', body: Buffer.from('A') });
    cache.set('b', { version: '1', body: Buffer.from('B') });
    expect(cache.get('a', '1')?.toString()).toBe('A'); // a is now the most recently used
    cache.set('c', { version: '1', body: Buffer.from('C') });
    expect(cache.size).toBe(2);
    expect(cache.get('b', '1')).toBeUndefined();
    expect(cache.get('a', '1')?.toString()).toBe('A');
    expect(cache.get('c', '1')?.toString()).toBe('C');
  });
});
