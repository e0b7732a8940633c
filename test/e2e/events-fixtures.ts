// Small files for the events tests, made here so that no binary sits in the repository.
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real, displayable PNG of one colour. */
export function makePng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A TIFF block with IFD0 → Exif IFD → DateTimeOriginal, in either byte order. */
export function makeTiffWithDate(dateTime: string, little = true): Buffer {
  const b = Buffer.alloc(8 + 2 + 12 + 4 + 2 + 12 + 4 + 20);
  const u16 = (v: number, o: number) => (little ? b.writeUInt16LE(v, o) : b.writeUInt16BE(v, o));
  const u32 = (v: number, o: number) => (little ? b.writeUInt32LE(v, o) : b.writeUInt32BE(v, o));
  b.write(little ? 'II' : 'MM', 0, 'latin1');
  u16(42, 2);
  u32(8, 4); // IFD0 at 8
  u16(1, 8); // one entry
  u16(0x8769, 10); // Exif IFD pointer
  u16(4, 12); // LONG
  u32(1, 14);
  u32(26, 18); // Exif IFD at 26
  u32(0, 22); // no next IFD
  u16(1, 26);
  u16(0x9003, 28); // DateTimeOriginal
  u16(2, 30); // ASCII
  u32(20, 32);
  u32(44, 36); // value at 44
  u32(0, 40);
  b.write(`${dateTime}\0`, 44, 'latin1');
  return b;
}

/** A JPEG-shaped file (SOI, APP1 Exif, a little data, EOI): enough for sniffing and EXIF. */
export function makeJpegWithExif(dateTime: string | null, padding = 64): Buffer {
  const parts: Buffer[] = [Buffer.from([0xff, 0xd8])];
  if (dateTime) {
    const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), makeTiffWithDate(dateTime)]);
    const header = Buffer.from([0xff, 0xe1, 0, 0]);
    header.writeUInt16BE(payload.length + 2, 2);
    parts.push(header, payload);
  }
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  parts.push(app0, Buffer.from([0xff, 0xda, 0x00, 0x02]), Buffer.alloc(padding, 0x11), Buffer.from([0xff, 0xd9]));
  return Buffer.concat(parts);
}

/** What a renamed Windows program looks like. */
export function makeExe(): Buffer {
  const b = Buffer.alloc(256, 0);
  b.write('MZ', 0, 'latin1');
  b.write('This program cannot be run in DOS mode.', 78, 'latin1');
  return b;
}

export function makePdf(): Buffer {
  return Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
}
