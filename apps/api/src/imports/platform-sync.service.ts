import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type FeedPage, FeedFormatError, type FeedPayload, feedRowsToTable, mergeFeedPages, parseFeedPage } from './connectors/feed-table.js';
import { PlatformSyncStateRepository } from './connectors/platform-sync-state.repository.js';
import { ImportBatchesRepository } from './import-batches.repository.js';
import { ImportFileRejectedException, ImportRowsRejectedException } from './import-errors.js';
import { type Importer, type ImportRequest, ImportsService } from './imports.service.js';
import { type ReadTableResult } from './parsing/index.js';
import { DivisionScope } from '../auth/division-scope.js';
import { currentActor } from '../common/request-context.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { type ImportDataset } from '@app/contracts';

// "deals-2021-11.xlsx", "popsci.csv": the dataset is the start of the name.
const INBOX_FILE = /^(deals|listings|registrations|popsci)[^/\\]*\.(csv|xlsx)$/i;

export interface SyncOutcome {
  /** Fact rows inserted or updated. */
  rows: number;
  imported: number;
  rejected: number;
}

/** What `<file>.report.json` beside a moved inbox file says. */
export interface InboxReport {
  file: string;
  dataset: ImportDataset;
  status: 'done' | 'failed';
  processedAt: string;
  batchId: string | null;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  message?: string;
  errors: unknown[];
}

/** The feed answered, but some of its rows (or a whole dataset) were refused: nothing written, cursor kept. */
export class FeedRowsRejectedError extends Error {
  override readonly name = 'FeedRowsRejectedError';
}

const feedSha256 = (payload: FeedPayload) => createHash('sha256').update(JSON.stringify(payload.rows)).digest('hex');

/**
 * Pulls every configured connector (the inbox folder, then the HTTP JSON feed) and imports what
 * it finds all-or-nothing, as the system with an unrestricted scope.
 * - Inbox: each settled file is one batch; it then moves to `done/` or `failed/` with
 *   `<file>.report.json` beside it. A refused file does not fail the run.
 * - Feed: every page is fetched and checked first (nothing is written while fetching), then every
 *   dataset is imported as one batch each, all in ONE transaction with the new cursor: a failure
 *   in any dataset leaves every dataset unwritten and the cursor where it was. Any failure
 *   (network, timeout, garbage, refused rows, a database error) throws, so JobRunner
 *   records the error and retries with back-off; the next run asks again from the old cursor, and
 *   rows already imported come back `unchanged`.
 */
@Injectable()
export class PlatformSyncService {
  private readonly logger = new Logger(PlatformSyncService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly imports: ImportsService,
    private readonly batches: ImportBatchesRepository,
    private readonly syncState: PlatformSyncStateRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async syncAll(): Promise<SyncOutcome> {
    const importer = await this.systemImporter();
    const inbox = await this.pullInbox(importer);
    const feed = await this.pullFeed(importer);
    return { rows: inbox.rows + feed.rows, imported: inbox.imported + feed.imported, rejected: inbox.rejected + feed.rejected };
  }

  async pullInbox(importer: Importer): Promise<SyncOutcome> {
    const outcome: SyncOutcome = { rows: 0, imported: 0, rejected: 0 };
    const dir = this.config.platform.inboxDir;
    const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    const files = entries.filter((entry) => entry.isFile() && INBOX_FILE.test(entry.name)).map((entry) => entry.name).sort();
    const settledBefore = Date.now() - this.config.platform.inboxSettleSeconds * 1000;
    for (const name of files) {
      const path = join(dir, name);
      const dataset = INBOX_FILE.exec(name)![1].toLowerCase() as ImportDataset;
      const info = await stat(path);
      // Still being copied into the inbox: the next run takes it.
      if (info.mtimeMs > settledBefore) continue;
      const report = { file: name, dataset, batchId: null, rows: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, errors: [] };
      if (info.size > this.config.imports.maxBytes) {
        const message = `文件超过 ${this.config.imports.maxBytes} 字节 / larger than IMPORT_MAX_BYTES (${this.config.imports.maxBytes})`;
        await this.moveTo(dir, name, { ...report, status: 'failed', message, errors: [{ code: 'FILE_TOO_LARGE', message }] });
        outcome.rejected++;
        continue;
      }
      try {
        // Streamed from disk: a large CSV never sits in memory whole (an XLSX is still read whole).
        const result = await this.imports.importPath({
          dataset, mode: 'all-or-nothing', source: 'inbox', fileName: name, path, importer,
          scope: DivisionScope.unrestricted('admin', importer.divisionCode),
        });
        await this.moveTo(dir, name, { ...report, ...result, status: 'done' });
        outcome.rows += result.inserted + result.updated;
        outcome.imported++;
        this.logger.log({ file: name, batchId: result.batchId, inserted: result.inserted, updated: result.updated }, 'Inbox file imported; moved to done/');
      } catch (error) {
        if (!(error instanceof ImportRowsRejectedException || error instanceof ImportFileRejectedException)) throw error;
        const response = error.getResponse() as Partial<InboxReport> & { batchId?: string | null };
        await this.moveTo(dir, name, { ...report, ...response, file: name, dataset, status: 'failed', message: response.message, errors: response.errors ?? [] });
        outcome.rejected++;
        this.logger.warn({ file: name }, 'Inbox file rejected; moved to failed/');
      }
    }
    return outcome;
  }

  async pullFeed(importer: Importer): Promise<SyncOutcome> {
    const outcome: SyncOutcome = { rows: 0, imported: 0, rejected: 0 };
    const url = this.config.platform.feedUrl;
    if (!url) return outcome;
    const connector = `feed:${new URL(url).host}${new URL(url).pathname}`;
    const since = await this.syncState.findCursor(connector);
    const pages = await this.fetchPages(url, since);
    const payloads = mergeFeedPages(pages);
    const cursor = pages[pages.length - 1].cursor;

    // Each dataset in table shape first: a payload the importer could not even read fails the run
    // before anything is written, like a malformed page.
    const tables = payloads.map((payload) => feedRowsToTable(payload.rows));

    // One transaction for the whole feed: every dataset's batch and facts, and the new cursor, commit
    // together or not at all. The importer writes each dataset in a savepoint of it, so a refused
    // dataset (recorded at once as a rejected batch with its row errors) leaves the others to be
    // checked too: every refusal of the run is in the history, and then the whole run rolls back.
    type Attempt = { payload: FeedPayload; sha256: string; startedAt: Date };
    const attempts: Attempt[] = [];
    const refusals: string[] = [];
    let current: Attempt | undefined;
    try {
      await this.dataSource.transaction(async (manager) => {
        for (const [index, payload] of payloads.entries()) {
          current = { payload, sha256: feedSha256(payload), startedAt: new Date() };
          try {
            const result = await this.importPayload(payload, tables[index], connector, importer, { ...current, manager });
            attempts.push(current);
            outcome.rows += result.inserted + result.updated;
            outcome.imported++;
          } catch (error) {
            if (!(error instanceof ImportRowsRejectedException || error instanceof ImportFileRejectedException)) {
              attempts.push(current);
              throw error;
            }
            refusals.push(this.describeRefusal(payload, error));
          }
        }
        current = undefined;
        if (refusals.length > 0) throw new FeedRowsRejectedError(`Platform feed data refused, nothing written, cursor kept at ${since ?? '(none)'}: ${refusals.join('; ')}`.slice(0, 2000));
        await this.syncState.saveCursor(connector, cursor, manager);
      });
    } catch (error) {
      // Rolled back: no dataset of the run is written and the cursor stays. Refused datasets are
      // already in the history (the importer records them); the others were only checked.
      if (error instanceof FeedRowsRejectedError) throw error;
      // A failure while writing is recorded now, after the rollback, for the dataset that failed
      // and for each one rolled back with it.
      const reason = `${current ? current.payload.dataset : 'storing the cursor'}: ${String((error as Error)?.message ?? error)}`;
      for (const attempt of attempts) {
        const cause = attempt === current ? error : new Error(`rolled back with the rest of the feed run, because ${reason}`);
        await this.imports.recordFailedImport(this.feedRequest(attempt.payload, connector, importer), attempt.sha256, attempt.startedAt, attempt.payload.rows.length, cause);
      }
      throw error;
    }
    this.logger.log({ connector, since, cursor, pages: pages.length, rows: outcome.rows }, 'Platform feed pulled');
    return outcome;
  }

  private feedRequest(payload: FeedPayload, fileName: string, importer: Importer): ImportRequest {
    return {
      dataset: payload.dataset, mode: 'all-or-nothing', source: 'feed', fileName, importer,
      scope: DivisionScope.unrestricted('admin', importer.divisionCode),
    };
  }

  private importPayload(payload: FeedPayload, table: ReadTableResult, fileName: string, importer: Importer, options: { sha256: string; startedAt: Date; manager: EntityManager }) {
    // The feed is one more input of the importer: its rows in table shape, in the run's transaction.
    return this.imports.import({
      ...this.feedRequest(payload, fileName, importer),
      input: { table, sha256: options.sha256 },
      startedAt: options.startedAt,
      manager: options.manager,
    });
  }

  private describeRefusal(payload: FeedPayload, error: ImportRowsRejectedException | ImportFileRejectedException): string {
    // The run's error is an English sentence for the operator (the batch keeps the Chinese).
    const { body } = error;
    return `${payload.dataset} (batch ${(body.batchId as string | null | undefined) ?? '-'}): ${body.messageEn}`;
  }

  /** Follows `nextPage` from page 1; at most IMPORT_MAX_BYTES of answers in all. */
  private async fetchPages(url: string, since: string | null): Promise<FeedPage[]> {
    const pages: FeedPage[] = [];
    let budget = this.config.imports.maxBytes;
    for (let page: number | null = 1; page !== null; page = pages[pages.length - 1].nextPage) {
      const target = new URL(url);
      if (since !== null) target.searchParams.set('since', since);
      target.searchParams.set('page', String(page));
      const text = await this.fetchText(target, page, budget);
      budget -= Buffer.byteLength(text);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new FeedFormatError(`Platform feed page ${page} is not JSON: ${JSON.stringify(text.slice(0, 80))}`);
      }
      pages.push(parseFeedPage(body, page));
    }
    return pages;
  }

  private async fetchText(target: URL, page: number, budget: number): Promise<string> {
    const timeoutMs = this.config.platform.feedTimeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetch(target, {
        headers: { accept: 'application/json', ...(this.config.platform.feedToken ? { authorization: `Bearer ${this.config.platform.feedToken}` } : {}) },
        signal: controller.signal,
      });
      if (!response.ok) throw new Error(`Platform feed answered HTTP ${response.status} (page ${page})`);
      return await this.readCapped(response, budget);
    } catch (error) {
      if (controller.signal.aborted) throw new Error(`Platform feed did not answer within ${timeoutMs} ms (page ${page})`, { cause: error });
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private async systemImporter(): Promise<Importer> {
    return { id: null, name: currentActor().actorName, divisionCode: await this.batches.findRootDivisionCode() };
  }

  private async readCapped(response: Response, limit: number): Promise<string> {
    const tooLarge = () => new Error(`Platform feed answers are larger than IMPORT_MAX_BYTES (${this.config.imports.maxBytes} bytes) in all`);
    if (Number(response.headers.get('content-length') ?? 0) > limit) throw tooLarge();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > limit) throw tooLarge();
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  /** Moves an inbox file to done/ or failed/ and writes `<file>.report.json` beside it. */
  private async moveTo(dir: string, name: string, report: Omit<InboxReport, 'processedAt'>): Promise<void> {
    const target = join(dir, report.status);
    await mkdir(target, { recursive: true });
    const taken = await stat(join(target, name)).then(() => true, () => false);
    const extension = extname(name);
    const finalName = taken ? `${name.slice(0, -extension.length)}-${new Date().toISOString().replace(/[:.]/g, '')}${extension}` : name;
    const full: InboxReport = { ...report, processedAt: new Date().toISOString() };
    await writeFile(join(target, `${finalName}.report.json`), JSON.stringify(full, null, 2));
    await rename(join(dir, name), join(target, finalName));
  }
}
