import { Injectable } from '@nestjs/common';
import { RollupsService } from '../rollups.service.js';
import { type JobName } from '@app/contracts';

export const ROLLUP_VERIFY_JOB: JobName = 'rollup-verify';

/** Nightly: recompute yesterday and the current month from the facts and report any difference. */
@Injectable()
export class RollupVerifyJob {
  constructor(private readonly rollups: RollupsService) {}

  async handle(): Promise<{ rows: number }> {
    const report = await this.rollups.verifyRecent();
    if (report.differences.length > 0) {
      throw new Error(`${report.differences.length} rollup values differed from the facts (repaired), e.g. ${JSON.stringify(report.differences[0])}`);
    }
    if (report.yearlyDifferences.length > 0) {
      throw new Error(`${report.yearlyDifferences.length} yearly rollup totals differed from their months (repaired), e.g. ${JSON.stringify(report.yearlyDifferences[0])}`);
    }
    return { rows: report.days };
  }
}
