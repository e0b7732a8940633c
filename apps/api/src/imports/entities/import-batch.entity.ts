import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { type ImportDataset } from '@app/contracts';

import { type ImportMode, type ImportSource, type ImportStatus } from '@app/contracts';

export type { ImportMode, ImportSource, ImportStatus };

/** One row error of an import, as returned to the client and kept (capped) on the batch. */
export interface ImportRowError {
  row: number;
  column: string;
  value: string;
  code: string;
  message: string;
  messageEn: string;
}

/** A (division, day) whose facts an import inserted or changed: the rollups to refresh. */
export interface TouchedDay {
  divisionCode: string;
  day: string;
}

/** One import of a file or feed pull: who, when, what, and how it went. */
@Entity('import_batch')
@Index('IDX_import_batch_started', ['startedAt'])
@Index('IDX_import_batch_division', ['createdByDivision', 'startedAt'])
export class ImportBatchEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  dataset: ImportDataset;

  @Column({ type: 'text' })
  source: ImportSource;

  @Column({ name: 'file_name', type: 'text', nullable: true })
  fileName: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  sha256: string | null;

  @Column({ type: 'text' })
  mode: ImportMode;

  @Column({ type: 'text' })
  status: ImportStatus;

  @Column({ type: 'int' })
  rows: number;

  @Column({ type: 'int' })
  inserted: number;

  @Column({ type: 'int' })
  updated: number;

  @Column({ type: 'int' })
  unchanged: number;

  @Column({ type: 'int' })
  rejected: number;

  /** All row errors found; `errors` keeps only the first IMPORT_ERRORS_KEPT of them. */
  @Column({ name: 'error_count', type: 'int' })
  errorCount: number;

  @Column({ type: 'jsonb' })
  errors: ImportRowError[];

  /** Why the whole file was refused or the import failed (file-level), if it was. */
  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ type: 'jsonb' })
  touched: TouchedDay[];

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_by_name', type: 'text' })
  createdByName: string;

  /** The home division of the importer: history is visible to scopes that cover it. */
  @Column({ name: 'created_by_division', type: 'char', length: 6 })
  createdByDivision: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
