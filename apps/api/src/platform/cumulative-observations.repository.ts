import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type FactTableSpec, type UpsertOutcome, upsertFacts } from './fact-upsert.js';
import { type CumulativeObservationFact } from './platform-facts.js';

const OBSERVATION_TABLE: FactTableSpec = {
  table: 'cumulative_observation',
  key: [
    { column: 'division_code', property: 'divisionCode', type: 'char(6)' },
    { column: 'metric_code', property: 'metricCode', type: 'text' },
    { column: 'as_of', property: 'asOf', type: 'date' },
  ],
  values: [{ column: 'value', property: 'value', type: 'numeric', numeric: true }],
  dayColumn: 'as_of',
};

@Injectable()
export class CumulativeObservationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  upsertObservations(manager: EntityManager, source: string, batchId: string | null, observations: readonly CumulativeObservationFact[]): Promise<UpsertOutcome> {
    return upsertFacts(manager, OBSERVATION_TABLE, source, batchId, observations as unknown as Array<Record<string, unknown>>);
  }

  /** One series (source, division, metric) in date order, values as exact strings. */
  async findSeries(source: string, divisionCode: string, metricCode: string): Promise<Array<{ asOf: string; value: string }>> {
    return this.dataSource.query(
      `SELECT as_of AS "asOf", value::text AS value FROM cumulative_observation
       WHERE source = $1 AND division_code = $2 AND metric_code = $3 ORDER BY as_of`,
      [source, divisionCode, metricCode],
    );
  }
}
