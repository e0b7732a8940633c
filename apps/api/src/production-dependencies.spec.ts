import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

// The production image installs `dependencies` only (npm prune --omit=dev): a package the api
// imports at run time from `devDependencies` crashes it at start-up there and nowhere else (echarts,
// which renders the brief's charts on the server, once was one).
const ROOT = join(import.meta.dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Packages a file imports at run time: `import type` and imports of types only are erased by the compiler. */
function runtimeImports(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?([\s\S]*?)\s+from\s+'([^']+)'/gm)) {
    const [, typeOnly, clause, specifier] = match;
    if (typeOnly) continue;
    const names = /\{([\s\S]*)\}/.exec(clause!)?.[1];
    const onlyTypes = names !== undefined && !clause!.replace(/\{[\s\S]*\}/, '').replace(/,/g, '').trim() && names.split(',').map((n) => n.trim()).filter(Boolean).every((n) => n.startsWith('type '));
    if (!onlyTypes) found.push(specifier!);
  }
  for (const match of text.matchAll(/(?:^\s*import\s+'([^']+)'|import\(\s*'([^']+)'\s*\))/gm)) found.push((match[1] ?? match[2])!);
  return found;
}

const packageOf = (specifier: string) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);

describe('production dependencies', () => {
  it('should list every package the api and the libs import at run time under dependencies', () => {
    const missing = new Set<string>();
    for (const file of [...sources(join(ROOT, 'apps', 'api', 'src')), ...sources(join(ROOT, 'libs'))]) {
      for (const specifier of runtimeImports(readFileSync(file, 'utf8'))) {
        if (specifier.startsWith('.') || specifier.startsWith('node:') || specifier.startsWith('@app/') || builtinModules.includes(specifier)) continue;
        const name = packageOf(specifier);
        if (!manifest.dependencies[name]) missing.add(`${name} (${file.slice(ROOT.length + 1)})`);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it('should tell a run-time import from a type-only one', () => {
    expect(runtimeImports("import { type Pool } from 'pg';\nimport type { X } from 'y';\nimport { a, type B } from 'z';\nimport d from 'e';\nimport 'reflect-metadata';\nconst m = await import('echarts');")).toEqual(['z', 'e', 'reflect-metadata', 'echarts']);
  });
});
