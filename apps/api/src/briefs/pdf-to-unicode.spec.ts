import { deflateSync, inflateSync } from 'node:zlib';
import { fixPdfToUnicode } from './pdf-to-unicode.js';

// A minimal PDF as Skia writes it: a ToUnicode map (Flate) mapping glyphs to Kangxi radicals.
function pdfWith(cmapBody: string): Buffer {
  const cmap = `/CIDInit /ProcSet findresource begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n${cmapBody}\nendcmap\nend`;
  const stream = deflateSync(Buffer.from(cmap, 'latin1'));
  const objects = [
    Buffer.from('1 0 obj\n<</Type /Catalog>>\nendobj\n'),
    Buffer.concat([Buffer.from(`2 0 obj\n<</Filter /FlateDecode\n/Length ${stream.length}>> stream\n`), stream, Buffer.from('\nendstream\nendobj\n')]),
  ];
  const header = Buffer.from('%PDF-1.4\n');
  let offset = header.length;
  const lines = ['0000000000 65535 f '];
  for (const o of objects) { lines.push(`${String(offset).padStart(10, '0')} 00000 n `); offset += o.length; }
  return Buffer.concat([header, ...objects, Buffer.from(`xref\n0 3\n${lines.join('\n')}\ntrailer\n<</Size 3 /Root 1 0 R>>\nstartxref\n${offset}\n%%EOF\n`)]);
}

function cmapOf(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  const length = Number(/\/Length (\d+)/.exec(text)![1]);
  const start = text.indexOf('stream\n') + 7;
  return inflateSync(pdf.subarray(start, start + length)).toString('latin1');
}

describe('fixPdfToUnicode', () => {
  it('should map radicals to the ideographs the text uses, expanding ranges, and keep the xref right', () => {
    const pdf = pdfWith('2 beginbfchar\n<27> <2F49>\n<28> <2F3E>\nendbfchar\n1 beginbfrange\n<29> <2A> <2F00>\nendbfrange');
    const fixed = fixPdfToUnicode(pdf, '月度 用户 一');
    const cmap = cmapOf(fixed);
    expect(cmap).toContain('<27> <6708>'); // ⽉ → 月
    expect(cmap).toContain('<28> <6237>'); // ⼾ → 户 (the SC glyph), not 戶
    expect(cmap).toContain('<29> <4E00>'); // ⼀ → 一, from a range
    expect(cmap).toContain('<2A> <4E28>'); // ⼁ → 丨
    const text = fixed.toString('latin1');
    const startxref = Number(/startxref\n(\d+)/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const second = Number(text.slice(startxref).split('\n')[4].slice(0, 10));
    expect(text.slice(second, second + 7)).toBe('2 0 obj');
  });

  it('should return the PDF unchanged when there is nothing to fix or it cannot read it', () => {
    const clean = pdfWith('1 beginbfchar\n<27> <6708>\nendbfchar');
    expect(fixPdfToUnicode(clean)).toBe(clean);
    const garbage = Buffer.from('%PDF-1.7 nothing here');
    expect(fixPdfToUnicode(garbage)).toBe(garbage);
  });
});
