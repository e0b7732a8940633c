import { crc32, createInflateRaw } from 'node:zlib';
import { ImportFileError } from './import-file-error.js';

// The XLSX container is checked and rebuilt here, before exceljs sees it: a zip bomb or a crafted
// archive must fail on our limits, and exceljs' streaming reader must get the parts in the order
// it can stream (workbook, styles, shared strings, then the sheet); otherwise it spools sheets to
// temporary files.

export interface XlsxSheetInfo {
  name: string;
  hidden: boolean;
  path: string;
}

export interface XlsxPackage {
  sheets: XlsxSheetInfo[];
  date1904: boolean;
}

export interface XlsxPackageLimits {
  maxUncompressedBytes: number;
  maxZipEntries: number;
}

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  dataStart: number;
  dataEnd: number;
  segmentEnd: number;
  centralRecord: Buffer;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const DESCRIPTOR_SIGNATURE = 0x08074b50;
const STORED = 0;
const DEFLATED = 8;

export const WORKBOOK_PATH = 'xl/workbook.xml';
const WORKBOOK_RELS_PATH = 'xl/_rels/workbook.xml.rels';
const STYLES_PATH = 'xl/styles.xml';
const SHARED_STRINGS_PATH = 'xl/sharedStrings.xml';
// exceljs' streaming reader only recognises sheets named like this.
const STREAMED_SHEET_PATH = 'xl/worksheets/sheet1.xml';

export function invalidXlsx(reasonEn: string, reason = '文件已损坏或不是有效的 XLSX'): ImportFileError {
  return new ImportFileError(
    'INVALID_XLSX',
    `无法读取 XLSX 文件：${reason}`,
    `Cannot read the XLSX file: ${reasonEn}`,
  );
}

function tooLarge(limit: number): ImportFileError {
  return new ImportFileError(
    'XLSX_TOO_LARGE',
    `XLSX 解压后超过 ${Math.round(limit / 1024 / 1024)} MB，请拆分后分批导入`,
    `The XLSX file expands to more than ${Math.round(limit / 1024 / 1024)} MB; split it and import the parts`,
    { limit },
  );
}

function readDirectory(buffer: Buffer, maxEntries: number): ZipEntry[] {
  const searchFrom = Math.max(0, buffer.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buffer.length - 22; i >= searchFrom; i--) {
    if (buffer.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw invalidXlsx('no zip directory');
  const entryCount = buffer.readUInt16LE(eocd + 10);
  const directorySize = buffer.readUInt32LE(eocd + 12);
  const directoryOffset = buffer.readUInt32LE(eocd + 16);
  if (entryCount === 0xffff || directoryOffset === 0xffffffff) throw invalidXlsx('zip64 archives are not supported');
  if (entryCount > maxEntries) {
    throw new ImportFileError(
      'XLSX_TOO_LARGE',
      `XLSX 文件包含的部件过多（超过 ${maxEntries} 个）`,
      `The XLSX file has too many parts (more than ${maxEntries})`,
      { limit: maxEntries },
    );
  }
  if (directoryOffset + directorySize > eocd) throw invalidXlsx('zip directory out of bounds');

  const entries: ZipEntry[] = [];
  let p = directoryOffset;
  for (let k = 0; k < entryCount; k++) {
    if (p + 46 > eocd || buffer.readUInt32LE(p) !== CENTRAL_SIGNATURE) throw invalidXlsx('corrupt zip directory');
    const nameLength = buffer.readUInt16LE(p + 28);
    const recordLength = 46 + nameLength + buffer.readUInt16LE(p + 30) + buffer.readUInt16LE(p + 32);
    const localOffset = buffer.readUInt32LE(p + 42);
    const compressedSize = buffer.readUInt32LE(p + 20);
    if (p + recordLength > eocd || localOffset + 30 > directoryOffset) throw invalidXlsx('corrupt zip directory');
    if (buffer.readUInt32LE(localOffset) !== LOCAL_SIGNATURE) throw invalidXlsx('corrupt zip entry');
    const flags = buffer.readUInt16LE(p + 8);
    const dataStart = localOffset + 30 + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28);
    const dataEnd = dataStart + compressedSize;
    if (dataEnd > directoryOffset) throw invalidXlsx('corrupt zip entry');
    // Bit 3: sizes follow the data in a descriptor (12 bytes, or 16 with its optional signature).
    let segmentEnd = dataEnd;
    if (flags & 0x08) segmentEnd += dataEnd + 4 <= directoryOffset && buffer.readUInt32LE(dataEnd) === DESCRIPTOR_SIGNATURE ? 16 : 12;
    entries.push({
      name: buffer.toString('utf8', p + 46, p + 46 + nameLength),
      flags,
      method: buffer.readUInt16LE(p + 10),
      compressedSize,
      uncompressedSize: buffer.readUInt32LE(p + 24),
      localOffset,
      dataStart,
      dataEnd,
      segmentEnd,
      centralRecord: buffer.subarray(p, p + recordLength),
    });
    p += recordLength;
  }

  // Entries must tile the archive exactly: a streaming unzipper walks the local headers, so bytes
  // the directory does not account for could hide entries we never checked.
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  let expected = 0;
  for (const entry of byOffset) {
    if (entry.localOffset !== expected) throw invalidXlsx('unexpected data between zip entries');
    expected = entry.segmentEnd;
  }
  if (expected !== directoryOffset) throw invalidXlsx('unexpected data before the zip directory');
  return entries;
}

// Inflates to count the real size (declared sizes can lie); keeps the bytes only when asked.
function inflate(buffer: Buffer, entry: ZipEntry, budget: number, keep: boolean): Promise<{ size: number; content: Buffer | null }> {
  const data = buffer.subarray(entry.dataStart, entry.dataEnd);
  if (entry.flags & 0x01) return Promise.reject(invalidXlsx('encrypted entry', '文件已加密，请取消密码后再导入'));
  if (entry.method === STORED) {
    if (data.length > budget) return Promise.reject(tooLarge(budget));
    return Promise.resolve({ size: data.length, content: keep ? data : null });
  }
  if (entry.method !== DEFLATED) return Promise.reject(invalidXlsx(`unsupported compression method ${entry.method}`));
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw();
    const chunks: Buffer[] = [];
    let size = 0;
    inflater.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > budget) {
        inflater.destroy();
        reject(tooLarge(budget));
      } else if (keep) chunks.push(chunk);
    });
    inflater.on('error', () => reject(invalidXlsx(`corrupt compressed data in ${entry.name}`)));
    inflater.on('end', () => resolve({ size, content: keep ? Buffer.concat(chunks) : null }));
    inflater.end(data);
  });
}

function attributes(tag: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const match of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    result.set(match[1], decodeXml(match[2] ?? match[3]));
  }
  return result;
}

function decodeXml(value: string): string {
  return value.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (_, hex: string, decimal: string, named: string) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (decimal) return String.fromCodePoint(parseInt(decimal, 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[named.toLowerCase()] ?? '';
  });
}

function describeWorkbook(workbookXml: string, relsXml: string): XlsxPackage {
  const targets = new Map<string, string>();
  for (const match of relsXml.matchAll(/<(?:\w+:)?Relationship\s[^>]*>/g)) {
    const attrs = attributes(match[0]);
    const id = attrs.get('Id');
    const target = attrs.get('Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  const sheets: XlsxSheetInfo[] = [];
  for (const match of workbookXml.matchAll(/<(?:\w+:)?sheet\s[^>]*>/g)) {
    const attrs = attributes(match[0]);
    const relationId = [...attrs].find(([key]) => /(^|:)id$/.test(key))?.[1];
    const path = relationId ? targets.get(relationId) : undefined;
    const name = attrs.get('name');
    if (name !== undefined && path) sheets.push({ name, hidden: (attrs.get('state') ?? 'visible') !== 'visible', path });
  }
  const workbookPr = /<(?:\w+:)?workbookPr\s[^>]*>/.exec(workbookXml);
  const date1904 = workbookPr ? ['1', 'true'].includes(attributes(workbookPr[0]).get('date1904') ?? '') : false;
  return { sheets, date1904 };
}

export function chooseSheet(sheets: XlsxSheetInfo[], requested: string | undefined): XlsxSheetInfo {
  if (sheets.length === 0) throw invalidXlsx('the workbook has no worksheet', '工作簿中没有工作表');
  if (requested === undefined || requested.trim() === '') return sheets.find((sheet) => !sheet.hidden) ?? sheets[0];
  const wanted = requested.trim().toLowerCase();
  const sheet = sheets.find((s) => s.name === requested) ?? sheets.find((s) => s.name.trim().toLowerCase() === wanted);
  if (!sheet) {
    const names = sheets.map((s) => s.name);
    throw new ImportFileError(
      'SHEET_NOT_FOUND',
      `找不到工作表“${requested}”，文件中的工作表有：${names.join('、')}`,
      `No sheet named "${requested}"; the workbook has: ${names.join(', ')}`,
      { requested, sheets: names },
    );
  }
  return sheet;
}

function storedEntry(name: string, content: Buffer): { local: Buffer; central: Buffer } {
  const nameBytes = Buffer.from(name, 'utf8');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(LOCAL_SIGNATURE, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc32(content), 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(CENTRAL_SIGNATURE, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc32(content), 16);
  central.writeUInt32LE(content.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  return { local: Buffer.concat([local, nameBytes, content]), central: Buffer.concat([central, nameBytes]) };
}

// Copies an entry's compressed bytes under a new name (no recompression).
function renamedEntry(buffer: Buffer, entry: ZipEntry, name: string): { local: Buffer; central: Buffer } {
  const nameBytes = Buffer.from(name, 'utf8');
  const localHeader = Buffer.from(buffer.subarray(entry.localOffset, entry.localOffset + 30));
  localHeader.writeUInt16LE(nameBytes.length, 26);
  const localExtra = buffer.subarray(entry.localOffset + 30 + buffer.readUInt16LE(entry.localOffset + 26), entry.dataStart);
  const record = entry.centralRecord;
  const centralHeader = Buffer.from(record.subarray(0, 46));
  centralHeader.writeUInt16LE(nameBytes.length, 28);
  const centralTail = record.subarray(46 + record.readUInt16LE(28));
  return {
    local: Buffer.concat([localHeader, nameBytes, localExtra, buffer.subarray(entry.dataStart, entry.segmentEnd)]),
    central: Buffer.concat([centralHeader, nameBytes, centralTail]),
  };
}

function buildZip(parts: { local: Buffer; central: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const central = Buffer.from(part.central);
    central.writeUInt32LE(offset, 42);
    locals.push(part.local);
    centrals.push(central);
    offset += part.local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD_SIGNATURE, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

// Checks the archive against the limits and returns a minimal archive with only the parts needed
// to read one sheet, in streaming order.
export async function prepareXlsx(
  buffer: Buffer,
  sheetName: string | undefined,
  limits: XlsxPackageLimits,
): Promise<{ workbook: XlsxPackage; sheet: XlsxSheetInfo; streamable: Buffer }> {
  const entries = readDirectory(buffer, limits.maxZipEntries);
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const workbookEntry = byName.get(WORKBOOK_PATH);
  const relsEntry = byName.get(WORKBOOK_RELS_PATH);
  if (!workbookEntry || !relsEntry) throw invalidXlsx('not an Excel workbook (no xl/workbook.xml)', '不是 Excel 工作簿');

  let budget = limits.maxUncompressedBytes;
  const read = async (entry: ZipEntry, keep: boolean) => {
    const { size, content } = await inflate(buffer, entry, budget, keep);
    if (size !== entry.uncompressedSize) throw invalidXlsx(`size mismatch in ${entry.name}`);
    budget -= size;
    return content;
  };
  const workbookXml = (await read(workbookEntry, true))!.toString('utf8');
  const relsXml = (await read(relsEntry, true))!.toString('utf8');
  const workbook = describeWorkbook(workbookXml, relsXml);
  const sheet = chooseSheet(workbook.sheets, sheetName);
  const sheetEntry = byName.get(sheet.path);
  if (!sheetEntry) throw invalidXlsx(`sheet part ${sheet.path} is missing`);

  const stylesEntry = byName.get(STYLES_PATH);
  const sharedStringsEntry = byName.get(SHARED_STRINGS_PATH);
  for (const entry of [stylesEntry, sharedStringsEntry, sheetEntry]) if (entry) await read(entry, false);

  const parts = [renamedEntry(buffer, relsEntry, WORKBOOK_RELS_PATH), renamedEntry(buffer, workbookEntry, WORKBOOK_PATH)];
  if (stylesEntry) parts.push(renamedEntry(buffer, stylesEntry, STYLES_PATH));
  // Without a shared strings part exceljs would spool the sheet to a temporary file.
  parts.push(
    sharedStringsEntry
      ? renamedEntry(buffer, sharedStringsEntry, SHARED_STRINGS_PATH)
      : storedEntry(SHARED_STRINGS_PATH, Buffer.from('<?xml version="1.0" encoding="UTF-8"?><sst/>')),
  );
  parts.push(renamedEntry(buffer, sheetEntry, STREAMED_SHEET_PATH));
  return { workbook, sheet, streamable: buildZip(parts) };
}
