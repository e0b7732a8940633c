import { Injectable, NotFoundException } from '@nestjs/common';
import { DivisionsRepository } from './divisions.repository.js';
import { DivisionDenominatorEntity } from './entities/division-denominator.entity.js';
import { DivisionEntity } from './entities/division.entity.js';
import { type QueryDivisionsDto, type UpsertDenominatorDto } from './dto/division.dto.js';
import { type DivisionScope } from '../auth/division-scope.js';
import { createDivisionLookup, type DivisionLookupOptions, type DivisionLookupResult } from '../spreadsheets/division-lookup.js';
import { type Denominator, type Division } from '@app/contracts';

// Divisions change only through migrations (reference data), so every request can read them from
// memory; the cache still expires, for a code list loaded by hand into a running database.
const CACHE_TTL_MS = 5 * 60_000;

interface DivisionTree {
  byCode: Map<string, DivisionEntity>;
  children: Map<string, string[]>;
  loadedAt: number;
}

@Injectable()
export class DivisionsService {
  private tree: Promise<DivisionTree> | null = null;

  constructor(private readonly repository: DivisionsRepository) {}

  /** Forgets the cached division tree (after loading divisions outside the API). */
  invalidateCache(): void {
    this.tree = null;
  }

  private async loadTree(): Promise<DivisionTree> {
    const current = this.tree ? await this.tree : null;
    if (current && Date.now() - current.loadedAt < CACHE_TTL_MS) return current;
    this.tree = this.repository.findFiltered({}).then((rows) => {
      const children = new Map<string, string[]>();
      for (const row of rows) if (row.parentCode) children.set(row.parentCode, [...(children.get(row.parentCode) ?? []), row.code]);
      return { byCode: new Map(rows.map((row) => [row.code, row])), children, loadedAt: Date.now() };
    });
    this.tree.catch(() => (this.tree = null));
    return this.tree;
  }

  /** The one division lookup of the imports (code or unambiguous name), over the cached tree. */
  async divisionLookup(options?: DivisionLookupOptions): Promise<(value: string) => DivisionLookupResult> {
    const { byCode } = await this.loadTree();
    return createDivisionLookup([...byCode.values()].map((d) => ({ code: d.code, name: d.name, level: d.level, parentCode: d.parentCode })), options);
  }

  // Division names and codes are public reference data: listed for everyone, flagged by scope.
  async listDivisions(scope: DivisionScope, query: QueryDivisionsDto): Promise<Division[]> {
    const rows = await this.repository.findFiltered({ parentCode: query.parent, level: query.level });
    return rows.map((row) => this.toDivision(row, scope));
  }

  async getDivision(scope: DivisionScope, code: string): Promise<Division> {
    return this.toDivision(await this.requireDivision(code), scope);
  }

  async listDenominators(scope: DivisionScope, code: string): Promise<Denominator[]> {
    await this.requireDivision(code);
    scope.assertCovers(code);
    return (await this.repository.findDenominators(code)).map((row) => this.toDenominator(row));
  }

  async upsertDenominator(code: string, year: number, input: UpsertDenominatorDto): Promise<Denominator> {
    await this.requireDivision(code);
    const row = (await this.repository.findDenominator(code, year)) ?? Object.assign(new DivisionDenominatorEntity(), {
      divisionCode: code, year, population: null, households: null, villages: null, enterprisesAboveScale: null, source: null,
    });
    for (const key of ['population', 'households', 'villages', 'enterprisesAboveScale', 'source'] as const) {
      if (input[key] !== undefined) (row as unknown as Record<string, unknown>)[key] = input[key];
    }
    return this.toDenominator(await this.repository.saveDenominator(row));
  }

  /** Division codes at any depth below (and including) `code`; used to build city scopes. */
  async subtreeCodes(code: string): Promise<string[]> {
    const { children } = await this.loadTree();
    const codes: string[] = [];
    const stack = [code];
    while (stack.length > 0) {
      const next = stack.pop()!;
      codes.push(next);
      stack.push(...(children.get(next) ?? []));
    }
    return codes;
  }

  async requireDivision(code: string): Promise<DivisionEntity> {
    const division = (await this.loadTree()).byCode.get(code);
    if (!division) throw new NotFoundException({ code: 'DIVISION_UNKNOWN', message: `区划 ${code} 不存在`, messageEn: `Division ${code} does not exist`, params: { code } });
    return division;
  }

  private toDivision(row: DivisionEntity, scope: DivisionScope): Division {
    return {
      code: row.code,
      name: row.name,
      level: row.level,
      parentCode: row.parentCode,
      validFrom: row.validFrom,
      validTo: row.validTo,
      inScope: scope.covers(row.code),
    };
  }

  private toDenominator(row: DivisionDenominatorEntity): Denominator {
    return {
      divisionCode: row.divisionCode,
      year: row.year,
      population: row.population,
      households: row.households,
      villages: row.villages,
      enterprisesAboveScale: row.enterprisesAboveScale,
      source: row.source,
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}
