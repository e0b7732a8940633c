import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { DealsRepository } from './deals.repository.js';
import { ListingsRepository } from './listings.repository.js';
import { PopsciServicesRepository } from './popsci-services.repository.js';
import { RegistrationsRepository } from './registrations.repository.js';
import { type StreamedFacts, type UpsertOutcome } from './fact-upsert.js';
import { type DealFact, type ListingFact, type PopsciServiceFact, type RegistrationFact } from './platform-facts.js';
import { AuditService } from '../audit/audit.service.js';
import { type ImportDataset } from '@app/contracts';

export interface DatasetFacts {
  deals: DealFact;
  listings: ListingFact;
  registrations: RegistrationFact;
  popsci: PopsciServiceFact;
}

const TABLE_OF_DATASET: Record<ImportDataset, string> = { deals: 'deal', listings: 'listing', registrations: 'registration', popsci: 'popsci_service' };

/** Writes platform facts of one dataset in bulk, with the audit rows of what changed. */
@Injectable()
export class PlatformFactsService {
  constructor(
    private readonly deals: DealsRepository,
    private readonly listings: ListingsRepository,
    private readonly registrations: RegistrationsRepository,
    private readonly popsci: PopsciServicesRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * Upserts the rows on the caller's transaction. Updated rows get their old and new values in
   * audit_log through AuditService.recordBulkChanges, explicitly: the bulk SQL bypasses TypeORM
   * entities, so the AuditSubscriber never sees these writes. Inserted rows are attributed
   * through their import_batch_id (the batch records who and when), not one audit row each.
   * `rows` may be a StreamedFacts (a large file): its rows go straight into the staging COPY.
   */
  async writeFacts<D extends ImportDataset>(
    manager: EntityManager,
    dataset: D,
    source: string,
    batchId: string | null,
    rows: ReadonlyArray<DatasetFacts[D]> | StreamedFacts,
  ): Promise<UpsertOutcome> {
    const outcome = await this.upsert(manager, dataset, source, batchId, rows);
    await this.audit.recordBulkChanges(manager, TABLE_OF_DATASET[dataset], outcome.changes);
    return outcome;
  }

  private upsert(manager: EntityManager, dataset: ImportDataset, source: string, batchId: string | null, input: ReadonlyArray<unknown> | StreamedFacts): Promise<UpsertOutcome> {
    // A StreamedFacts passes through the repositories to upsertFacts, which tells the two apart.
    const rows = input as ReadonlyArray<unknown>;
    switch (dataset) {
      case 'deals':
        return this.deals.upsertDeals(manager, source, batchId, rows as DealFact[]);
      case 'listings':
        return this.listings.upsertListings(manager, source, batchId, rows as ListingFact[]);
      case 'registrations':
        return this.registrations.upsertRegistrations(manager, source, batchId, rows as RegistrationFact[]);
      case 'popsci':
        return this.popsci.upsertServiceCounts(manager, source, batchId, rows as PopsciServiceFact[]);
    }
  }
}
