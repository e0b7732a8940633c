import { type EventAttachmentKind } from '@app/contracts';

export type SniffResult =
  | { ok: true; kind: EventAttachmentKind; contentType: string; image: boolean }
  | { ok: false; code: 'EMPTY' | 'UNSUPPORTED'; detected: string | null };

const CONTENT_TYPES: Record<EventAttachmentKind, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
};

const at = (buffer: Buffer, offset: number, bytes: number[] | string): boolean => {
  const magic = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return buffer.length >= offset + magic.length && buffer.subarray(offset, offset + magic.length).equals(magic);
};

// Things people rename to .jpg or .pdf, named so that the refusal can say what the file really is.
const KNOWN_OTHERS: Array<{ test: (buffer: Buffer) => boolean; name: string }> = [
  { test: (b) => at(b, 0, 'MZ'), name: 'Windows executable (EXE/DLL)' },
  { test: (b) => at(b, 0, [0x7f, 0x45, 0x4c, 0x46]), name: 'ELF executable' },
  { test: (b) => at(b, 0, [0xcf, 0xfa, 0xed, 0xfe]) || at(b, 0, [0xfe, 0xed, 0xfa, 0xce]), name: 'Mach-O executable' },
  { test: (b) => at(b, 0, '#!'), name: 'script' },
  { test: (b) => at(b, 0, [0x50, 0x4b, 0x03, 0x04]) || at(b, 0, [0x50, 0x4b, 0x05, 0x06]), name: 'ZIP archive (or an Office document)' },
  { test: (b) => at(b, 0, [0xd0, 0xcf, 0x11, 0xe0]), name: 'legacy Office document' },
  { test: (b) => at(b, 0, 'GIF8'), name: 'GIF image' },
  { test: (b) => at(b, 0, 'BM'), name: 'BMP image' },
  { test: (b) => at(b, 4, 'ftyp'), name: 'HEIC/MP4 media' },
  { test: (b) => at(b, 0, 'Rar!'), name: 'RAR archive' },
  { test: (b) => at(b, 0, [0x1f, 0x8b]), name: 'gzip archive' },
];

/**
 * What a file is, decided by its first bytes (never by its name or the browser's type):
 * JPEG, PNG, WebP and PDF are accepted; everything else is refused, named when recognised.
 */
export function sniffFileType(buffer: Buffer): SniffResult {
  if (buffer.length === 0) return { ok: false, code: 'EMPTY', detected: null };
  let kind: EventAttachmentKind | null = null;
  if (at(buffer, 0, [0xff, 0xd8, 0xff])) kind = 'jpeg';
  else if (at(buffer, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) kind = 'png';
  else if (at(buffer, 0, 'RIFF') && at(buffer, 8, 'WEBP')) kind = 'webp';
  else if (at(buffer, 0, '%PDF-')) kind = 'pdf';
  if (kind) return { ok: true, kind, contentType: CONTENT_TYPES[kind], image: kind !== 'pdf' };
  return { ok: false, code: 'UNSUPPORTED', detected: KNOWN_OTHERS.find((other) => other.test(buffer))?.name ?? null };
}
