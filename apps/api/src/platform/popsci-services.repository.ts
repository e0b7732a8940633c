import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type FactTableSpec, type UpsertOutcome, upsertFacts } from './fact-upsert.js';
import { type PopsciServiceFact } from './platform-facts.js';

const POPSCI_TABLE: FactTableSpec = {
  table: 'popsci_service',
  key: [
    { column: 'division_code', property: 'divisionCode', type: 'char(6)' },
    { column: 'service_date', property: 'serviceDate', type: 'date' },
    { column: 'channel', property: 'channel', type: 'text' },
  ],
  values: [
    { column: 'households', property: 'households', type: 'int' },
    { column: 'person_times', property: 'personTimes', type: 'int' },
  ],
  dayColumn: 'service_date',
};

@Injectable()
export class PopsciServicesRepository {
  /** A division's counts for a day and channel replace the earlier counts of the same source. */
  upsertServiceCounts(manager: EntityManager, source: string, batchId: string | null, counts: readonly PopsciServiceFact[]): Promise<UpsertOutcome> {
    return upsertFacts(manager, POPSCI_TABLE, source, batchId, counts as unknown as Array<Record<string, unknown>>);
  }
}
