import { ForbiddenException } from '@nestjs/common';
import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { type Role } from '@app/contracts';

let parameterSeq = 0;

/**
 * The divisions whose data a signed-in user may read and write, computed once per request by
 * the AuthGuard: admin → all; city → its city and every division under it; leader and staff →
 * their own district. Every module enforces scope through this object: `assertCovers` for a
 * single division, `restrict` to add the scope to a repository query. Never the client.
 */
export class DivisionScope {
  private constructor(
    readonly role: Role,
    readonly homeDivision: string,
    private readonly codes: ReadonlySet<string> | null,
  ) {}

  static unrestricted(role: Role, homeDivision: string): DivisionScope {
    return new DivisionScope(role, homeDivision, null);
  }

  static limitedTo(role: Role, homeDivision: string, codes: Iterable<string>): DivisionScope {
    return new DivisionScope(role, homeDivision, new Set(codes));
  }

  get isUnrestricted(): boolean {
    return this.codes === null;
  }

  /** The division codes in scope, or null when the scope is unrestricted. */
  get divisionCodes(): string[] | null {
    return this.codes ? [...this.codes].sort() : null;
  }

  covers(divisionCode: string): boolean {
    return this.codes === null || this.codes.has(divisionCode);
  }

  assertCovers(divisionCode: string): void {
    if (!this.covers(divisionCode)) {
      throw new ForbiddenException(`Division ${divisionCode} is outside your scope (${this.homeDivision}) / 区划 ${divisionCode} 不在您的权限范围内`);
    }
  }

  /** Adds `column IN (scope)` to a query; unrestricted scopes add nothing. */
  restrict<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, column: string): SelectQueryBuilder<T> {
    if (this.codes === null) return query;
    const parameter = `scopeCodes${++parameterSeq}`;
    return query.andWhere(`${column} IN (:...${parameter})`, { [parameter]: [...this.codes] });
  }
}
