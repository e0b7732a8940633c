import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type FactTableSpec, type UpsertOutcome, upsertFacts } from './fact-upsert.js';
import { type RegistrationFact } from './platform-facts.js';

const REGISTRATION_TABLE: FactTableSpec = {
  table: 'registration',
  key: [
    { column: 'user_type', property: 'userType', type: 'text' },
    { column: 'external_id', property: 'externalId', type: 'text' },
  ],
  values: [
    { column: 'division_code', property: 'divisionCode', type: 'char(6)' },
    { column: 'registered_date', property: 'registeredDate', type: 'date' },
  ],
  dayColumn: 'registered_date',
};

@Injectable()
export class RegistrationsRepository {
  upsertRegistrations(manager: EntityManager, source: string, batchId: string | null, registrations: readonly RegistrationFact[]): Promise<UpsertOutcome> {
    return upsertFacts(manager, REGISTRATION_TABLE, source, batchId, registrations as unknown as Array<Record<string, unknown>>);
  }
}
