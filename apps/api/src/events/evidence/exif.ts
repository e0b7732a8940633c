// When a photo was taken: EXIF DateTimeOriginal (tag 0x9003 in the Exif IFD), read from the
// JPEG APP1 segment, a WebP EXIF chunk or a PNG eXIf chunk. Hostile input only ever yields null.

const TAG_EXIF_IFD = 0x8769;
const TAG_DATE_TIME_ORIGINAL = 0x9003;
const TYPE_ASCII = 2;
const TYPE_LONG = 4;
const MAX_IFD_ENTRIES = 512;

interface Tiff {
  data: Buffer;
  little: boolean;
}

function u16(tiff: Tiff, offset: number): number | null {
  if (offset < 0 || offset + 2 > tiff.data.length) return null;
  return tiff.little ? tiff.data.readUInt16LE(offset) : tiff.data.readUInt16BE(offset);
}

function u32(tiff: Tiff, offset: number): number | null {
  if (offset < 0 || offset + 4 > tiff.data.length) return null;
  return tiff.little ? tiff.data.readUInt32LE(offset) : tiff.data.readUInt32BE(offset);
}

interface IfdEntry {
  type: number;
  count: number;
  // Offset of the 4-byte value field of the entry.
  valueAt: number;
}

function findEntry(tiff: Tiff, ifdOffset: number, tag: number): IfdEntry | null {
  const count = u16(tiff, ifdOffset);
  if (count === null || count > MAX_IFD_ENTRIES) return null;
  for (let i = 0; i < count; i++) {
    const entry = ifdOffset + 2 + i * 12;
    if (u16(tiff, entry) !== tag) continue;
    const type = u16(tiff, entry + 2);
    const n = u32(tiff, entry + 4);
    if (type === null || n === null) return null;
    return { type, count: n, valueAt: entry + 8 };
  }
  return null;
}

function readAscii(tiff: Tiff, entry: IfdEntry): string | null {
  if (entry.type !== TYPE_ASCII || entry.count === 0 || entry.count > 64) return null;
  const start = entry.count <= 4 ? entry.valueAt : u32(tiff, entry.valueAt);
  if (start === null || start + entry.count > tiff.data.length) return null;
  return tiff.data.subarray(start, start + entry.count).toString('latin1').replace(/\0.*$/s, '');
}

/** "2021:05:23 09:30:00" → "2021-05-23T09:30:00"; blank or impossible values → null. */
export function parseExifDateTime(text: string): string | null {
  const match = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  if (year < 1900 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}`;
}

/** DateTimeOriginal of a TIFF-structured EXIF block ("II*\0" or "MM\0*"). */
export function readTiffDateTimeOriginal(data: Buffer): string | null {
  if (data.length < 8) return null;
  const order = data.subarray(0, 2).toString('latin1');
  if (order !== 'II' && order !== 'MM') return null;
  const tiff: Tiff = { data, little: order === 'II' };
  if (u16(tiff, 2) !== 42) return null;
  const ifd0 = u32(tiff, 4);
  if (ifd0 === null) return null;
  const pointer = findEntry(tiff, ifd0, TAG_EXIF_IFD);
  if (!pointer || (pointer.type !== TYPE_LONG && pointer.type !== 13)) return null;
  const exifIfd = u32(tiff, pointer.valueAt);
  if (exifIfd === null || exifIfd === ifd0) return null;
  const entry = findEntry(tiff, exifIfd, TAG_DATE_TIME_ORIGINAL);
  if (!entry) return null;
  const text = readAscii(tiff, entry);
  return text === null ? null : parseExifDateTime(text);
}

const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');

function stripExifHeader(data: Buffer): Buffer {
  return data.subarray(0, 6).equals(EXIF_HEADER) ? data.subarray(6) : data;
}

/** Walks the JPEG markers up to the image data and reads the first EXIF APP1 segment. */
export function readJpegDateTimeOriginal(jpeg: Buffer): string | null {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return null;
  let offset = 2;
  while (offset + 4 <= jpeg.length) {
    if (jpeg[offset] !== 0xff) return null;
    const marker = jpeg[offset + 1];
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // markers without a length
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return null; // image data or end: no EXIF before it
    const length = jpeg.readUInt16BE(offset + 2);
    if (length < 2 || offset + 2 + length > jpeg.length) return null;
    const segment = jpeg.subarray(offset + 4, offset + 2 + length);
    if (marker === 0xe1 && segment.subarray(0, 6).equals(EXIF_HEADER)) {
      return readTiffDateTimeOriginal(segment.subarray(6));
    }
    offset += 2 + length;
  }
  return null;
}

function readRiffChunk(webp: Buffer, id: string): Buffer | null {
  let offset = 12;
  while (offset + 8 <= webp.length) {
    const chunkId = webp.subarray(offset, offset + 4).toString('latin1');
    const size = webp.readUInt32LE(offset + 4);
    if (offset + 8 + size > webp.length) return null;
    if (chunkId === id) return webp.subarray(offset + 8, offset + 8 + size);
    offset += 8 + size + (size % 2);
  }
  return null;
}

function readPngChunk(png: Buffer, id: string): Buffer | null {
  let offset = 8;
  while (offset + 12 <= png.length) {
    const size = png.readUInt32BE(offset);
    const chunkId = png.subarray(offset + 4, offset + 8).toString('latin1');
    if (offset + 12 + size > png.length) return null;
    if (chunkId === id) return png.subarray(offset + 8, offset + 8 + size);
    if (chunkId === 'IDAT' || chunkId === 'IEND') return null;
    offset += 12 + size;
  }
  return null;
}

/** DateTimeOriginal of a JPEG, WebP or PNG photo, as "YYYY-MM-DDTHH:mm:ss" (camera local time). */
export function readPhotoTakenAt(kind: 'jpeg' | 'png' | 'webp' | 'pdf', data: Buffer): string | null {
  try {
    if (kind === 'jpeg') return readJpegDateTimeOriginal(data);
    if (kind === 'webp') {
      const chunk = readRiffChunk(data, 'EXIF');
      return chunk ? readTiffDateTimeOriginal(stripExifHeader(chunk)) : null;
    }
    if (kind === 'png') {
      const chunk = readPngChunk(data, 'eXIf');
      return chunk ? readTiffDateTimeOriginal(stripExifHeader(chunk)) : null;
    }
    return null;
  } catch {
    return null; // a truncated or crafted file is simply a photo without a date
  }
}
