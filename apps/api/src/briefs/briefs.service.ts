import { Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { BriefBuilderService } from './brief-builder.service.js';
import { renderBriefHtml, type BriefLang } from './brief-html.js';
import { BriefPdfService } from './brief-pdf.service.js';
import { BriefsRepository, type BriefRow } from './briefs.repository.js';
import { DivisionScope } from '../auth/division-scope.js';
import { DivisionsService } from '../divisions/divisions.service.js';
import { NoticeOutbox } from '../notify/outbox/notice-outbox.js';
import { PanelsService } from '../panels/panels.service.js';
import { parseMonthKey, previousMonth, shanghaiMonth } from '@app/kpi-core';
import { METRICS_BY_CODE, type Brief, type BriefSummaryItem } from '@app/contracts';

const PDF_CACHE_SIZE = 24;

@Injectable()
export class BriefsService {
  private readonly logger = new Logger(BriefsService.name);
  // An issued brief never changes, so its PDF can be kept (a few, for the robots and mail of one issue).
  private readonly pdfCache = new Map<string, Buffer>();

  constructor(
    private readonly repository: BriefsRepository,
    private readonly builder: BriefBuilderService,
    private readonly pdf: BriefPdfService,
    private readonly divisions: DivisionsService,
    private readonly panels: PanelsService,
    private readonly outbox: NoticeOutbox,
  ) {}

  async list(scope: DivisionScope, filter: { division?: string; month?: string; year?: string }): Promise<BriefSummaryItem[]> {
    if (filter.division) scope.assertCovers(filter.division);
    return (await this.repository.list(scope.divisionCodes, filter)).map(toSummary);
  }

  async get(scope: DivisionScope, id: string): Promise<Brief> {
    const row = await this.requireRow(scope, id);
    return { ...toSummary(row), figures: row.figures };
  }

  async html(scope: DivisionScope, id: string, lang: BriefLang): Promise<string> {
    return renderBriefHtml(await this.get(scope, id), lang);
  }

  async pdfOf(scope: DivisionScope, id: string, lang: BriefLang): Promise<{ brief: Brief; bytes: Buffer }> {
    const brief = await this.get(scope, id);
    return { brief, bytes: await this.renderPdf(brief, lang) };
  }

  /** For the notices: the PDF of a brief without a user's scope (the notice was already scoped). */
  async pdfForNotice(id: string): Promise<{ brief: Brief; bytes: Buffer } | null> {
    const row = await this.repository.findById(id);
    if (!row) return null;
    const brief = { ...toSummary(row), figures: row.figures };
    return { brief, bytes: await this.renderPdf(brief, 'zh') };
  }

  /** POST /briefs: city users and admins (re)issue a brief of a closed month in their scope. */
  async issueOnDemand(scope: DivisionScope, division: string, month: string, actor: string): Promise<Brief> {
    await this.divisions.requireDivision(division);
    scope.assertCovers(division);
    if (month >= shanghaiMonth(new Date())) {
      throw new UnprocessableEntityException({
        statusCode: 422, code: 'VALIDATION_FAILED', message: '输入有误', messageEn: 'Validation failed',
        errors: [{ field: 'month', code: 'MONTH_NOT_CLOSED', message: '只能为已结束的月份生成简报', messageEn: 'a brief is made for a month that has ended' }],
      });
    }
    const { id } = await this.issue(division, month, actor);
    return this.get(scope, id);
  }

  /**
   * Builds the figures, stores them as the next version and records the notices in the same
   * transaction: the brief issued, and each metric that turned red (or back to green) this month.
   */
  async issue(division: string, month: string, actor: string, now = new Date()): Promise<{ id: string; version: number }> {
    const figures = await this.builder.build(division, month, now);
    const scope = DivisionScope.unrestricted('admin', division);
    const before = parseMonthKey(month).month === 1 ? null : await this.panels.getMonthlyPanel(scope, division, previousMonth(month));
    const monthText = `${parseMonthKey(month).year}年${parseMonthKey(month).month}月`;
    return this.repository.transaction(async (manager) => {
      const stored = await this.repository.insertNextVersion(manager, division, month, figures, actor);
      const versionZh = stored.version > 1 ? `（第${stored.version}版，更正）` : '';
      const versionEn = stored.version > 1 ? ` (version ${stored.version}, a correction)` : '';
      await this.outbox.record(manager, {
        kind: 'brief_issued', subject: division, period: `${month}#${stored.version}`, division, briefId: stored.id, link: `/briefs/${stored.id}`,
        title: `${figures.division.name}${monthText}月度工作简报已印发${versionZh}`,
        titleEn: `${figures.division.name}: the monthly brief of ${month} is issued${versionEn}`,
        body: figures.summary.zh, bodyEn: figures.summary.en,
      });
      // Within a year (January starts afresh against its own targets): red now and not before, green now after red.
      for (const card of figures.cards) {
        const previous = before?.metrics.find((m) => m.code === card.code)?.status ?? null;
        const d = METRICS_BY_CODE[card.code];
        const turned = card.status === 'red' && previous !== 'red' ? 'metric_red' : card.status === 'green' && previous === 'red' ? 'metric_green' : null;
        if (!turned) continue;
        await this.outbox.record(manager, {
          kind: turned, subject: `${division}:${card.code}`, period: month, division, link: `/panel?division=${division}&month=${month}`,
          title: turned === 'metric_red' ? `${figures.division.name}${d.nameZh}${monthText}亮红灯` : `${figures.division.name}${d.nameZh}${monthText}恢复绿灯`,
          titleEn: turned === 'metric_red' ? `${figures.division.name}: ${d.nameEn} turned red in ${month}` : `${figures.division.name}: ${d.nameEn} is back to green in ${month}`,
          body: `年累计完成${card.targetCompletion ?? '—'}%，序时进度${card.pace ?? '—'}%`,
          bodyEn: `${card.targetCompletion ?? '—'}% of the annual target done against a pace of ${card.pace ?? '—'}%`,
        });
      }
      return stored;
    });
  }

  private async renderPdf(brief: Brief, lang: BriefLang): Promise<Buffer> {
    const key = `${brief.id}|${lang}`;
    const cached = this.pdfCache.get(key);
    if (cached) return cached;
    const started = Date.now();
    const bytes = await this.pdf.render(renderBriefHtml(brief, lang));
    this.logger.debug({ id: brief.id, ms: Date.now() - started, bytes: bytes.length }, 'Brief PDF rendered');
    this.pdfCache.set(key, bytes);
    if (this.pdfCache.size > PDF_CACHE_SIZE) this.pdfCache.delete(this.pdfCache.keys().next().value!);
    return bytes;
  }

  private async requireRow(scope: DivisionScope, id: string): Promise<BriefRow> {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.repository.findById(id) : null;
    if (!row) throw new NotFoundException({ statusCode: 404, code: 'BRIEF_NOT_FOUND', message: '简报不存在', messageEn: 'No such brief' });
    scope.assertCovers(row.divisionCode);
    return row;
  }
}

function toSummary(row: BriefRow): BriefSummaryItem {
  return { id: row.id, division: row.divisionCode, divisionName: row.divisionName, month: row.month, version: row.version, issuedAt: row.issuedAt.toISOString(), issuedBy: row.issuedBy, latest: row.latest };
}
