import { type EntityManager } from 'typeorm';
import { FactsChangedNotifier, type TouchedDay } from './facts-changed.notifier.js';

describe(FactsChangedNotifier.name, () => {
  const manager = {} as EntityManager;

  it('should pass de-duplicated, sorted pairs and the manager to every listener when emitting', async () => {
    const notifier = new FactsChangedNotifier();
    const seen: Array<[EntityManager, TouchedDay[]]> = [];
    notifier.subscribe((m, touched) => {
      seen.push([m, touched]);
    });
    await notifier.emit(manager, [
      { divisionCode: '510403', day: '2021-09-18' },
      { divisionCode: '510402', day: '2021-09-18' },
      { divisionCode: '510403', day: '2021-09-18' },
    ]);
    expect(seen).toEqual([[manager, [{ divisionCode: '510402', day: '2021-09-18' }, { divisionCode: '510403', day: '2021-09-18' }]]]);
  });

  it('should call nobody when nothing changed and nobody after unsubscribing', async () => {
    const notifier = new FactsChangedNotifier();
    let calls = 0;
    const unsubscribe = notifier.subscribe(() => {
      calls++;
    });
    await notifier.emit(manager, []);
    unsubscribe();
    await notifier.emit(manager, [{ divisionCode: '510403', day: '2021-01-01' }]);
    expect(calls).toBe(0);
  });

  it('should reject when a listener fails so that the caller’s transaction rolls back', async () => {
    const notifier = new FactsChangedNotifier();
    notifier.subscribe(async () => {
      throw new Error('refresh failed');
    });
    await expect(notifier.emit(manager, [{ divisionCode: '510403', day: '2021-01-01' }])).rejects.toThrow('refresh failed');
  });
});
