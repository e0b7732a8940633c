import { deflateSync, inflateSync } from 'node:zlib';

// Chromium (Skia) writes each font's ToUnicode map from the font's own cmap, reversed. Noto CJK
// draws 月 and the Kangxi radical ⽉ with one glyph, and the reversal keeps the lower code point,
// so copied or searched text reads ⽉度⼯作 instead of 月度工作. This rewrites those maps with the
// ideographs the radicals stand for (Unicode's NFKC mapping) and rebuilds the cross-reference
// table. Anything it does not recognise is returned unchanged: the PDF is never made worse.

const RADICAL = /[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff]/u;

// Radicals whose Simplified Chinese glyph is the simplified character, where NFKC gives none or the
// traditional one (⼾ → 戶, but the SC glyph is 户).
const SIMPLIFIED: Record<string, string> = {
  '\u2f3e': '户', '\u2ea0': '民', '\u2ec4': '西', '\u2ec5': '见', '\u2ec9': '贝', '\u2ecb': '车', '\u2ed3': '长', '\u2ed4': '门',
  '\u2ed8': '青', '\u2ed9': '韦', '\u2eda': '页', '\u2edb': '风', '\u2edc': '飞', '\u2edd': '食', '\u2ee2': '马', '\u2ee5': '鱼',
  '\u2ee6': '鸟', '\u2ee7': '卤', '\u2ee8': '麦', '\u2ee9': '黄', '\u2eec': '齐', '\u2eee': '齿', '\u2ef0': '龙', '\u2ef3': '龟', '\u2ea9': '王',
};

/** The character a radical's glyph stands for: the one the document's text uses when it is a candidate. */
function ideographOf(radical: string, documentText: string): string {
  const candidates = [SIMPLIFIED[radical], radical.normalize('NFKC')].filter((c): c is string => !!c && c !== radical);
  return candidates.find((c) => documentText.includes(c)) ?? candidates[0] ?? radical;
}

function fixCmap(cmap: string, documentText: string): string | null {
  const map = new Map<string, string>();
  let width = 0;
  const hexToText = (hex: string) => String.fromCodePoint(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      width = src.length;
      map.set(src.toUpperCase(), hexToText(dst));
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, rest] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)/g)) {
      width = lo.length;
      const from = parseInt(lo, 16);
      const to = parseInt(hi, 16);
      const list = rest.startsWith('[') ? [...rest.matchAll(/<([0-9A-Fa-f]+)>/g)].map((m) => hexToText(m[1])) : null;
      const base = list ? null : [...hexToText(rest.slice(1, -1))];
      for (let code = from; code <= to; code++) {
        const text = list ? list[code - from] : base!.slice(0, -1).join('') + String.fromCodePoint(base!.at(-1)!.codePointAt(0)! + code - from);
        if (text !== undefined) map.set(code.toString(16).toUpperCase().padStart(lo.length, '0'), text);
      }
    }
  }
  if (![...map.values()].some((t) => RADICAL.test(t))) return null;
  // UTF-16BE code units, as ToUnicode wants them.
  const toHex = (text: string) => [...text].map((c) => (RADICAL.test(c) ? ideographOf(c, documentText) : c)).join('')
    .split('').map((unit) => unit.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')).join('');
  const entries = [...map.entries()].sort(([a], [b]) => parseInt(a, 16) - parseInt(b, 16));
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.map(([src, text]) => `<${src.padStart(width, '0')}> <${toHex(text)}>`).join('\n')}\nendbfchar`);
  }
  const start = cmap.search(/\d+\s+begin(bfchar|bfrange)/);
  const end = Math.max(cmap.lastIndexOf('endbfchar') + 'endbfchar'.length, cmap.lastIndexOf('endbfrange') + 'endbfrange'.length);
  if (start < 0 || end <= start) return null;
  return cmap.slice(0, start) + blocks.join('\n') + cmap.slice(end);
}

/** `documentText`: the text the PDF was made from, to choose between a radical's candidates. */
export function fixPdfToUnicode(pdf: Buffer, documentText = ''): Buffer {
  try {
    const text = pdf.toString('latin1');
    const xrefAt = text.lastIndexOf('\nxref\n');
    const trailerAt = text.indexOf('trailer', xrefAt);
    if (xrefAt < 0 || trailerAt < 0) return pdf;
    const table = text.slice(xrefAt + 6, trailerAt).trim().split('\n');
    const [first, count] = table[0].split(' ').map(Number);
    if (first !== 0 || table.length !== count + 1) return pdf;
    const offsets = table.slice(1).map((line, id) => ({ id, offset: Number(line.slice(0, 10)), used: line.trim().endsWith('n') })).filter((e) => e.used);
    const sorted = [...offsets].sort((a, b) => a.offset - b.offset);
    const parts: Buffer[] = [pdf.subarray(0, sorted[0].offset)];
    const newOffsets = new Map<number, number>();
    let position = sorted[0].offset;
    let changed = false;
    sorted.forEach((entry, i) => {
      const end = i + 1 < sorted.length ? sorted[i + 1].offset : xrefAt + 1;
      let chunk = pdf.subarray(entry.offset, end);
      const head = /^\d+ 0 obj\s*<<([\s\S]*?)>>\s*stream\r?\n/.exec(chunk.toString('latin1'));
      const length = head ? /\/Length (\d+)/.exec(head[1]) : null;
      if (head && length && head[1].includes('/FlateDecode')) {
        const dataStart = head[0].length;
        const data = chunk.subarray(dataStart, dataStart + Number(length[1]));
        const inflated = inflateSync(data).toString('latin1');
        if (inflated.includes('begincmap') && inflated.includes('(UCS)')) {
          const fixed = fixCmap(Buffer.from(inflated, 'latin1').toString('latin1'), documentText);
          if (fixed !== null) {
            const compressed = deflateSync(Buffer.from(fixed, 'latin1'));
            const newHead = head[0].replace(/\/Length \d+/, `/Length ${compressed.length}`);
            chunk = Buffer.concat([Buffer.from(newHead, 'latin1'), compressed, chunk.subarray(dataStart + Number(length[1]))]);
            changed = true;
          }
        }
      }
      newOffsets.set(entry.id, position);
      parts.push(chunk);
      position += chunk.length;
    });
    if (!changed) return pdf;
    const xref = ['xref', `0 ${count}`, ...table.slice(1).map((line, id) => (newOffsets.has(id) ? `${String(newOffsets.get(id)).padStart(10, '0')} 00000 n ` : line.replace(/\r$/, '')))].join('\n');
    const trailer = text.slice(trailerAt, text.indexOf('startxref', trailerAt));
    return Buffer.concat([...parts, Buffer.from(`${xref}\n${trailer}startxref\n${position}\n%%EOF\n`, 'latin1')]);
  } catch {
    return pdf;
  }
}
