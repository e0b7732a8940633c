import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { FeedFormatError, feedRowsToTable, parseFeedBody } from './connectors/feed-table.js';
import { ImportBatchesRepository } from './import-batches.repository.js';
import { ImportFileRejectedException, ImportRowsRejectedException } from './import-errors.js';
import { type Importer, ImportsService } from './imports.service.js';
import { DivisionScope } from '../auth/division-scope.js';
import { currentActor } from '../common/request-context.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { type ImportDataset } from '@app/contracts';

// "deals-2021-11.xlsx", "popsci.csv": the dataset is the start of the name.
const INBOX_FILE = /^(deals|listings|registrations|popsci)[^/\\]*\.(csv|xlsx)$/i;
const FEED_TIMEOUT_MS = 30_000;

export interface SyncOutcome {
  /** Fact rows inserted or updated. */
  rows: number;
  imported: number;
  rejected: number;
}

/**
 * Pulls every configured connector (the inbox folder, then the HTTP JSON feed) and imports what
 * it finds all-or-nothing, as the system with an unrestricted scope. Rejected files and feed
 * pulls are recorded as rejected batches and do not fail the run; an unexpected failure (database,
 * network, a malformed feed) throws, so JobRunner records and retries it. Each batch is one
 * transaction, so a failure leaves the data as it was.
 */
@Injectable()
export class PlatformSyncService {
  private readonly logger = new Logger(PlatformSyncService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly imports: ImportsService,
    private readonly batches: ImportBatchesRepository,
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
    for (const name of files) {
      const path = join(dir, name);
      const dataset = INBOX_FILE.exec(name)![1].toLowerCase() as ImportDataset;
      const size = (await stat(path)).size;
      if (size > this.config.imports.maxBytes) {
        await this.moveTo(dir, name, 'failed', { code: 'FILE_TOO_LARGE', message: `文件超过 ${this.config.imports.maxBytes} 字节 / larger than IMPORT_MAX_BYTES (${this.config.imports.maxBytes})` });
        outcome.rejected++;
        continue;
      }
      try {
        const result = await this.imports.importFile({
          dataset, mode: 'all-or-nothing', source: 'inbox', fileName: name, buffer: await readFile(path), importer,
          scope: DivisionScope.unrestricted('admin', importer.divisionCode),
        });
        await this.moveTo(dir, name, 'processed');
        outcome.rows += result.inserted + result.updated;
        outcome.imported++;
        this.logger.log({ file: name, batchId: result.batchId, inserted: result.inserted, updated: result.updated }, 'Inbox file imported');
      } catch (error) {
        if (!(error instanceof ImportRowsRejectedException || error instanceof ImportFileRejectedException)) throw error;
        await this.moveTo(dir, name, 'failed', error.getResponse());
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
    const response = await fetch(url, {
      headers: { accept: 'application/json', ...(this.config.platform.feedToken ? { authorization: `Bearer ${this.config.platform.feedToken}` } : {}) },
      signal: AbortSignal.timeout(FEED_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`Platform feed answered HTTP ${response.status}`);
    const text = await this.readCapped(response);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new FeedFormatError('Platform feed answered something that is not JSON');
    }
    const payloads = parseFeedBody(body);
    const feedName = new URL(url).host + new URL(url).pathname;
    for (const payload of payloads) {
      if (payload.rows.length === 0) continue;
      try {
        const result = await this.imports.importTable({
          dataset: payload.dataset, mode: 'all-or-nothing', source: 'feed', fileName: feedName, importer,
          scope: DivisionScope.unrestricted('admin', importer.divisionCode),
          table: feedRowsToTable(payload.rows),
          sha256: createHash('sha256').update(JSON.stringify(payload.rows)).digest('hex'),
        });
        outcome.rows += result.inserted + result.updated;
        outcome.imported++;
      } catch (error) {
        if (!(error instanceof ImportRowsRejectedException || error instanceof ImportFileRejectedException)) throw error;
        outcome.rejected++;
        this.logger.warn({ dataset: payload.dataset, response: error.getResponse() }, 'Feed data rejected; nothing written');
      }
    }
    return outcome;
  }

  private async systemImporter(): Promise<Importer> {
    return { id: null, name: currentActor().actorName, divisionCode: await this.batches.findRootDivisionCode() };
  }

  private async readCapped(response: Response): Promise<string> {
    const limit = this.config.imports.maxBytes;
    if (Number(response.headers.get('content-length') ?? 0) > limit) throw new Error(`Platform feed answer is larger than ${limit} bytes`);
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > limit) throw new Error(`Platform feed answer is larger than ${limit} bytes`);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  private async moveTo(dir: string, name: string, folder: 'processed' | 'failed', report?: unknown): Promise<void> {
    const target = join(dir, folder);
    await mkdir(target, { recursive: true });
    const taken = await stat(join(target, name)).then(() => true, () => false);
    const extension = extname(name);
    const finalName = taken ? `${name.slice(0, -extension.length)}-${new Date().toISOString().replace(/[:.]/g, '')}${extension}` : name;
    if (report !== undefined) await writeFile(join(target, `${finalName}.errors.json`), JSON.stringify(report, null, 2));
    await rename(join(dir, name), join(target, finalName));
  }
}
