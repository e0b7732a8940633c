import { Inject, Injectable, Logger, UnprocessableEntityException } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { PanelFactsRepository, type FactFilter } from './panel-facts.repository.js';
import { drillThrough, drillThroughSheetColumns, type DrillThrough } from './sheets/drill-through.js';
import { type DivisionScope } from '../auth/division-scope.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DivisionsService } from '../divisions/divisions.service.js';
import { beginDownload, CONTENT_TYPES, streamDownload } from '../spreadsheets/download.js';
import { assertExportSize } from '../spreadsheets/export-limit.js';
import { writeSheet } from '../spreadsheets/sheet-writer.js';
import { firstDayOfMonth, lastDayOfMonth } from '@app/kpi-core';
import { type FactPage } from '@app/contracts';

export interface FactsQuery {
  division: string;
  month: string;
  metric: string;
}

/** A card's drill-through: one page on screen, or the whole list as a streamed file. */
@Injectable()
export class PanelFactsService {
  private readonly logger = new Logger(PanelFactsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly facts: PanelFactsRepository,
    private readonly divisions: DivisionsService,
  ) {}

  async getPage(scope: DivisionScope, query: FactsQuery, page: number, pageSize: number): Promise<FactPage> {
    const { drill, filter } = await this.resolve(scope, query);
    return { ...(await this.facts.findPage(drill, filter, (page - 1) * pageSize, pageSize)), page, pageSize };
  }

  /** Streams the file into the response: refused (422 EXPORT_TOO_LARGE) before a byte is written when it is too long. */
  async export(scope: DivisionScope, query: FactsQuery, format: 'xlsx' | 'csv', reply: FastifyReply): Promise<void> {
    const { drill, filter } = await this.resolve(scope, query);
    const rows = await this.facts.count(drill, filter);
    assertExportSize(
      rows,
      this.config.exports.maxRows,
      '请选择下级区县或按类型分别导出。',
      'Choose one of the districts below, or export one kind at a time.',
    );
    const division = await this.divisions.requireDivision(query.division);
    await streamDownload(
      reply,
      () => {
        const file = beginDownload(reply, `${division.name}-${query.month}-明细.${format}`, CONTENT_TYPES[format]);
        return writeSheet(file, { format, sheetName: query.month, columns: drillThroughSheetColumns(drill), batches: this.facts.streamAll(drill, filter), totalRow: true });
      },
      (error) => this.logger.warn({ err: error }, 'drill-through export cut off'),
    );
  }

  private async resolve(scope: DivisionScope, query: FactsQuery): Promise<{ drill: DrillThrough; filter: FactFilter }> {
    scope.assertCovers(query.division);
    const drill = drillThrough(query.metric);
    if (!drill) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        code: 'VALIDATION_FAILED',
        message: '该指标没有明细可查',
        messageEn: `There is no drill-through for ${query.metric}`,
        errors: [{ field: 'query.metric', code: 'NO_DRILL_THROUGH', message: '该指标没有明细可查', messageEn: `no drill-through for ${query.metric}` }],
      });
    }
    const divisionCodes = await this.divisions.subtreeCodes(query.division);
    return { drill, filter: { divisionCodes, from: firstDayOfMonth(query.month), to: lastDayOfMonth(query.month) } };
  }
}
