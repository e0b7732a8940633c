import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type FactTableSpec, type UpsertOutcome, upsertFacts } from './fact-upsert.js';
import { type DealFact } from './platform-facts.js';

const DEAL_TABLE: FactTableSpec = {
  table: 'deal',
  key: [
    { column: 'kind', property: 'kind', type: 'text' },
    { column: 'external_id', property: 'externalId', type: 'text' },
  ],
  values: [
    { column: 'division_code', property: 'divisionCode', type: 'char(6)' },
    { column: 'deal_date', property: 'dealDate', type: 'date' },
    { column: 'amount', property: 'amountYuan', type: 'numeric', numeric: true },
    { column: 'demander', property: 'demander', type: 'text' },
    { column: 'provider', property: 'provider', type: 'text' },
    { column: 'title', property: 'title', type: 'text' },
  ],
  dayColumn: 'deal_date',
};

@Injectable()
export class DealsRepository {
  /** Inserts new deals and updates changed ones of `source`, on the caller's transaction. */
  upsertDeals(manager: EntityManager, source: string, batchId: string | null, deals: readonly DealFact[]): Promise<UpsertOutcome> {
    return upsertFacts(manager, DEAL_TABLE, source, batchId, deals as unknown as Array<Record<string, unknown>>);
  }
}
