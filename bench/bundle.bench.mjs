// Bundle-size benchmark: builds the dashboard with Vite's manifest into a temporary folder (the
// production config, so the same chunks as `npm run build:web`) and reports what a browser
// downloads: the first load (index.html, the entry and its static imports, their CSS) and, for
// each lazily loaded view, what opening it adds. Sizes raw, gzip -9 and brotli -11 (what a
// reverse proxy in front of the api would send). Writes bench/results/bundle.json.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, version as viteVersion } from 'vite';

const OUT = resolve('bench/results/bundle.json');
const outDir = mkdtempSync(join(tmpdir(), 'tianfu-kpi-bundle-'));

try {
  const started = Date.now();
  await build({
    configFile: resolve('apps/web/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, manifest: true },
  });
  const buildSeconds = (Date.now() - started) / 1000;
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8'));

  const sizeCache = new Map();
  const sizeOf = (file) => {
    if (!sizeCache.has(file)) {
      const bytes = readFileSync(join(outDir, file));
      sizeCache.set(file, {
        raw: bytes.length,
        gzip: gzipSync(bytes, { level: 9 }).length,
        brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      });
    }
    return sizeCache.get(file);
  };
  const total = (files) =>
    [...files].reduce((sum, file) => {
      const s = sizeOf(file);
      return { raw: sum.raw + s.raw, gzip: sum.gzip + s.gzip, brotli: sum.brotli + s.brotli };
    }, { raw: 0, gzip: 0, brotli: 0 });

  /** The files a chunk needs before it runs: itself, its static imports (transitively), their CSS. */
  const closure = (key, files = new Set()) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return files;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) closure(imported, files);
    return files;
  };

  const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
  const initial = closure(entryKey);
  initial.add('index.html');
  const views = Object.entries(manifest)
    .filter(([, chunk]) => chunk.isDynamicEntry)
    .map(([key]) => {
      const added = [...closure(key)].filter((file) => !initial.has(file));
      return { view: key, added: total(added), files: added.sort() };
    })
    .sort((a, b) => b.added.gzip - a.added.gzip);

  const allFiles = Object.values(manifest).flatMap((chunk) => [chunk.file, ...(chunk.css ?? [])]);
  const unique = [...new Set(allFiles)];
  const kb = (bytes) => Math.round(bytes / 102.4) / 10;
  const asKb = (s) => ({ raw: kb(s.raw), gzip: kb(s.gzip), brotli: kb(s.brotli) });
  const chunks = unique.map((file) => ({ file: file.replace(/-[\w-]{8}\.(js|css)$/, '.$1'), ...asKb(sizeOf(file)) })).sort((a, b) => b.gzip - a.gzip);

  const result = {
    date: new Date().toISOString(),
    node: process.version,
    vite: viteVersion,
    buildSeconds,
    unit: 'KiB',
    firstLoad: { ...asKb(total(initial)), files: [...initial].sort(), echartsIncluded: [...initial].some((f) => /echarts|zrender/.test(f)) },
    views: views.map((v) => ({ view: v.view, added: asKb(v.added), files: v.files })),
    allJs: asKb(total(unique.filter((f) => f.endsWith('.js')))),
    allCss: asKb(total(unique.filter((f) => f.endsWith('.css')))),
    chunks,
  };
  writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);

  console.log(`First load (sign-in page and app shell): ${result.firstLoad.gzip} KiB gzip, ${result.firstLoad.brotli} KiB brotli (${result.firstLoad.raw} KiB raw); ECharts in it: ${result.firstLoad.echartsIncluded ? 'yes' : 'no'}`);
  console.log('Opening a view adds (gzip KiB):');
  for (const v of result.views.slice(0, 12)) console.log(`  ${String(v.added.gzip).padStart(7)}  ${v.view}`);
  console.log(`All JS ${result.allJs.gzip} KiB gzip, all CSS ${result.allCss.gzip} KiB gzip. Written to ${OUT}`);
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
