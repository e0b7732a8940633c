import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type FactTableSpec, type UpsertOutcome, upsertFacts } from './fact-upsert.js';
import { type ListingFact } from './platform-facts.js';

const LISTING_TABLE: FactTableSpec = {
  table: 'listing',
  key: [
    { column: 'kind', property: 'kind', type: 'text' },
    { column: 'external_id', property: 'externalId', type: 'text' },
  ],
  values: [
    { column: 'division_code', property: 'divisionCode', type: 'char(6)' },
    { column: 'listed_date', property: 'listedDate', type: 'date' },
  ],
  dayColumn: 'listed_date',
};

@Injectable()
export class ListingsRepository {
  upsertListings(manager: EntityManager, source: string, batchId: string | null, listings: readonly ListingFact[]): Promise<UpsertOutcome> {
    return upsertFacts(manager, LISTING_TABLE, source, batchId, listings as unknown as Array<Record<string, unknown>>);
  }
}
