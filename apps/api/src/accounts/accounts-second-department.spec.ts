// The department-accounts rules on a second, real department (大英县文化广播电视和旅游局, 2022; sources in the
// fixture): its own findings, three decline rates printed truncated, and no false alarm on what adds up.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AccountsFigureInput, type AccountsStatementInput, checkDepartmentAccounts } from '@app/kpi-core';

const fixture = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/accounts/daying-culture-tourism-2022.json'), 'utf8')) as {
  figures: AccountsFigureInput[];
  statements: AccountsStatementInput[];
  expected: { findings: Array<{ rule: string; path: string; expected: string; found: string }>; clean: string[] };
};
const findings = checkDepartmentAccounts({ figures: fixture.figures, statements: fixture.statements, annexTables: [] });

describe('a second department’s published accounts (大英县文化广播电视和旅游局 2022)', () => {
  it('should find exactly the three decline rates printed truncated, with their exact values', () => {
    expect(findings.map((f) => [f.rule, f.path, f.expected, f.found])).toEqual(fixture.expected.findings.map((f) => [f.rule, f.path, f.expected, f.found]));
    expect(findings[0].message).toContain('截尾');
  });

  it('should raise no false alarm on the totals, shares and procurement that add up', () => {
    for (const path of fixture.expected.clean) expect(findings.filter((f) => f.path === path)).toEqual([]);
  });

  it('should name each place by its printed location and never by an internal key', () => {
    for (const f of findings) {
      expect(f.place).toMatch(/^第二部分/);
      expect(f.message).not.toMatch(/[a-z]+[._][a-z]+/);
    }
  });
});
