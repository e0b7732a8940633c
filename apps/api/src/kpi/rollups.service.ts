import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type RollupDifference, RollupsRepository, type TouchedDay, type YearlyRollupDifference } from './rollups.repository.js';
import { FactsChangedNotifier } from '../common/facts-changed.notifier.js';
import { addMonths, firstDayOfMonth, shanghaiDay, shanghaiMonth } from '@app/kpi-core';

export interface VerifyReport {
  from: string;
  to: string;
  days: number;
  differences: RollupDifference[];
  /** Yearly totals (metric_yearly) of the checked years that differed from the sum of their months. */
  yearlyDifferences: YearlyRollupDifference[];
  repaired: boolean;
}

@Injectable()
export class RollupsService implements OnModuleInit {
  private readonly logger = new Logger(RollupsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rollups: RollupsRepository,
    private readonly factsChanged: FactsChangedNotifier,
  ) {}

  // Every fact writer (imports, event approval) announces the days it changed inside its own
  // transaction; the rollups of exactly those days are refreshed there, so they commit together.
  onModuleInit(): void {
    this.factsChanged.subscribe((manager, touched) => this.refresh(manager, touched).then(() => undefined));
  }

  /** Refreshes the rollups of the days a write touched, in that write's transaction. */
  refresh(manager: EntityManager, touched: readonly TouchedDay[]): Promise<number> {
    return this.rollups.refreshDays(manager, touched);
  }

  /** Rebuilds every day between two days (inclusive) from the facts, in one transaction. */
  rebuild(from: string, to: string): Promise<void> {
    return this.dataSource.transaction((manager) => this.rollups.rebuildRange(manager, from, to));
  }

  /**
   * The nightly check: recomputes yesterday and the current month from the facts, and the yearly
   * totals of their years from the months, reports every stored value that differs, and repairs
   * them (a difference means a write bypassed the refresh).
   */
  async verifyRecent(now = new Date()): Promise<VerifyReport> {
    const today = shanghaiDay(now);
    const yesterday = shanghaiDay(new Date(now.getTime() - 24 * 3600 * 1000));
    const monthStart = firstDayOfMonth(shanghaiMonth(now));
    const from = yesterday < monthStart ? yesterday : monthStart;
    return this.dataSource.transaction(async (manager) => {
      const days = await this.rollups.findDaysWithData(manager, from, today);
      const differences = await this.rollups.findDifferences(manager, days);
      if (differences.length > 0) {
        this.logger.warn({ differences: differences.slice(0, 20), count: differences.length }, 'Rollups differed from the facts; repaired');
        await this.rollups.refreshDays(manager, days);
      }
      const [fromYear, toYear] = [Number(from.slice(0, 4)), Number(today.slice(0, 4))];
      const yearlyDifferences = await this.rollups.findYearlyDifferences(manager, fromYear, toYear);
      if (yearlyDifferences.length > 0) {
        this.logger.warn({ differences: yearlyDifferences.slice(0, 20), count: yearlyDifferences.length }, 'Yearly rollups differed from their months; repaired');
        await this.rollups.refreshYears(manager, fromYear, toYear);
      }
      return { from, to: today, days: days.length, differences, yearlyDifferences, repaired: differences.length > 0 || yearlyDifferences.length > 0 };
    });
  }

  /** The month range the panels of `month` read: from the same month last year to `month`. */
  static panelWindow(month: string): { from: string; to: string } {
    return { from: addMonths(month, -12), to: month };
  }
}
