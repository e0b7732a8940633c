import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type SheetImportCounts } from '@app/contracts';
import { importSheet, type SheetImportRequest } from './sheet-importer.js';
import { type SheetColumns } from './sheet-spec.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** A feature's import request: its spec, context, writer and the route's upload limit. */
export type SheetImportInput<C extends SheetColumns<Ctx>, Ctx, V> = Omit<SheetImportRequest<C, Ctx, V>, 'limits' | 'transaction'> & { maxFileBytes: number };

/** `importSheet` with what every import shares: IMPORT_MAX_ROWS and one transaction of the app's database. */
@Injectable()
export class SheetImportService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  import<C extends SheetColumns<Ctx>, Ctx, V>({ maxFileBytes, ...request }: SheetImportInput<C, Ctx, V>): Promise<SheetImportCounts> {
    return importSheet({ ...request, limits: { maxFileBytes, maxRows: this.config.imports.maxRows }, transaction: (work) => this.dataSource.transaction(work) });
  }
}
