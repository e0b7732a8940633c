import { type FastifyReply } from 'fastify';
import { Injectable, Logger } from '@nestjs/common';
import { type SelfEvaluationFileCheck, type SelfEvaluationFilesCheckResponse } from '@app/contracts';
import { checkSelfEvaluationTable, normalisePrintedTable } from '@app/kpi-core';
import { ImportFileError } from '../spreadsheets/readers/import-file-error.js';
import { type Grid, gridFromCsv, gridsFromXlsx } from './sheets/grid.js';
import { NotASelfEvaluation, readSelfEvaluation } from './sheets/read-self-evaluation.js';
import { type NamedFile, unpackUploads } from './sheets/unpack.js';
import { writeReviewXlsx } from './sheets/review-export.js';
import { beginDownload, CONTENT_TYPES, streamDownload } from '../spreadsheets/download.js';
import { type PrintedTableInput } from '@app/kpi-core';

const failed = (fileName: string, sheet: string | null, code: string, message: string, messageEn: string): SelfEvaluationFileCheck =>
  ({ fileName, sheet, ok: false, layout: null, table: null, result: null, error: { code, message, messageEn } });

/** Reads uploaded 自评表 files (XLSX, CSV or one zip of them) and checks every table found, as the JSON check does. */
@Injectable()
export class SelfEvaluationFilesService {
  private readonly logger = new Logger(SelfEvaluationFilesService.name);

  async checkFiles(uploads: readonly NamedFile[]): Promise<SelfEvaluationFilesCheckResponse> {
    const files = await unpackUploads(uploads);
    const results: SelfEvaluationFileCheck[] = [];
    for (const file of files) results.push(...(await this.checkFile(file)));
    return { files: results };
  }

  /** The review as a streamed XLSX download, every table checked again here rather than taken from the client. */
  async downloadReview(
    reply: FastifyReply,
    files: ReadonlyArray<{ fileName: string; sheet: string | null; table: PrintedTableInput | null; error: { message: string; messageEn: string } | null }>,
    language: 'zh' | 'en',
  ): Promise<void> {
    const entries = files.map((f) => {
      if (!f.table) return { fileName: f.fileName, sheet: f.sheet, table: null, result: null, error: f.error };
      const table = normalisePrintedTable(f.table);
      return { fileName: f.fileName, sheet: f.sheet, table, result: checkSelfEvaluationTable(table), error: null };
    });
    await streamDownload(
      reply,
      () => {
        const file = beginDownload(reply, language === 'en' ? 'self-evaluation-review.xlsx' : '自评表审阅清单.xlsx', CONTENT_TYPES.xlsx);
        return writeReviewXlsx(file, entries, language);
      },
      (error) => this.logger.warn({ err: error }, 'review export cut off'),
    );
  }

  private async checkFile(file: NamedFile): Promise<SelfEvaluationFileCheck[]> {
    let grids: Grid[];
    try {
      if (/\.xlsx$/i.test(file.fileName)) grids = await gridsFromXlsx(file.buffer);
      else if (/\.(csv|tsv|txt)$/i.test(file.fileName)) grids = [gridFromCsv(file.buffer, file.fileName.replace(/^.*\//, ''))];
      else {
        return [failed(file.fileName, null, 'UNSUPPORTED_FILE', '只能读取 XLSX 或 CSV 格式的自评表（可将多个文件打包为一个 zip）；.xls 请在 Excel/WPS 中另存为 .xlsx',
          'Only XLSX or CSV self-evaluation tables can be read (several may come in one zip); save .xls files as .xlsx first')];
      }
    } catch (error) {
      if (error instanceof ImportFileError) return [failed(file.fileName, null, error.code, error.message, error.messageEn)];
      throw error;
    }
    const found: SelfEvaluationFileCheck[] = [];
    const refused: SelfEvaluationFileCheck[] = [];
    for (const grid of grids) {
      const sheet = /\.xlsx$/i.test(file.fileName) ? grid.sheet : null;
      try {
        const reading = readSelfEvaluation(grid);
        const table = normalisePrintedTable(reading.table);
        found.push({ fileName: file.fileName, sheet, ok: true, layout: reading.layout, table, result: checkSelfEvaluationTable(table), error: null });
      } catch (error) {
        if (error instanceof NotASelfEvaluation) refused.push(failed(file.fileName, sheet, error.code, error.message, error.messageEn));
        else if (error instanceof RangeError) {
          refused.push(failed(file.fileName, sheet, 'UNREADABLE_CELL', `表中有无法识别的内容：${error.message}`, `Part of the table cannot be read: ${error.message}`));
        } else throw error;
      }
    }
    // A workbook's other sheets (说明, 目录 …) are not reported once a table is found.
    return found.length > 0 ? [...found, ...refused.filter((r) => r.error?.code !== 'NOT_A_SELF_EVALUATION')] : refused.slice(0, 1);
  }
}
