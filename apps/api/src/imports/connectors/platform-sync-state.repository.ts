import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** platform_sync_state: one cursor per connector (the HTTP feed's `since`). Plain SQL: it is bookkeeping, not audited data. */
@Injectable()
export class PlatformSyncStateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findCursor(connector: string): Promise<string | null> {
    const rows: Array<{ cursor: string }> = await this.dataSource.query(`SELECT cursor FROM platform_sync_state WHERE connector = $1`, [connector]);
    return rows[0]?.cursor ?? null;
  }

  /** On the caller's transaction when given (the feed stores it with the data it pulled). */
  async saveCursor(connector: string, cursor: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO platform_sync_state (connector, cursor, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (connector) DO UPDATE SET cursor = EXCLUDED.cursor, updated_at = EXCLUDED.updated_at`,
      [connector, cursor],
    );
  }
}
