import { Global, Injectable, Module } from '@nestjs/common';
import { type EntityManager } from 'typeorm';

/** One division's day whose facts changed (an event approved or un-approved, an import, …). */
export interface TouchedDay {
  divisionCode: string;
  /** YYYY-MM-DD (Asia/Shanghai). */
  day: string;
}

/** Runs inside the writer's transaction: use `manager`, so a failing listener rolls the change back. */
export type FactsChangedListener = (manager: EntityManager, touched: TouchedDay[]) => Promise<void> | void;

/**
 * The hook between fact writers and the rollups: writers `emit(manager, touched)` in their own
 * transaction; the KPI module `subscribe`s a refresh of the rollups of those days. Pairs are
 * de-duplicated and sorted; nothing is called for an empty list.
 */
@Injectable()
export class FactsChangedNotifier {
  private readonly listeners: FactsChangedListener[] = [];

  /** Returns the function that removes the listener again. */
  subscribe(listener: FactsChangedListener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  async emit(manager: EntityManager, touched: readonly TouchedDay[]): Promise<void> {
    const unique = new Map<string, TouchedDay>();
    for (const pair of touched) unique.set(`${pair.divisionCode}|${pair.day}`, { divisionCode: pair.divisionCode, day: pair.day });
    if (unique.size === 0) return;
    const pairs = [...unique.values()].sort((a, b) => a.divisionCode.localeCompare(b.divisionCode) || a.day.localeCompare(b.day));
    // One after the other: they share the transaction's connection.
    for (const listener of [...this.listeners]) await listener(manager, pairs);
  }
}

/** Global, so every writer and the KPI module share one notifier. */
@Global()
@Module({ providers: [FactsChangedNotifier], exports: [FactsChangedNotifier] })
export class FactsChangedModule {}
