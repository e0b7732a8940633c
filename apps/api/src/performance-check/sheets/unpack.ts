import JSZip from 'jszip';

// The files of an upload as named files: XLSX and CSV as they come, a zip opened (once, not nested) with its
// entries counted and their unpacked size metered while they are inflated, so a zip bomb is stopped early.

export const CHECK_UPLOAD_LIMITS = Object.freeze({
  /** Largest single upload (a file or the zip), bytes. */
  fileBytes: 5 * 1024 * 1024,
  /** Most files in one request. */
  files: 20,
  /** Most XLSX/CSV entries in a zip. */
  zipEntries: 50,
  /** Most bytes a zip may unpack to, all entries together. */
  zipUnpackedBytes: 30 * 1024 * 1024,
});

export interface NamedFile {
  fileName: string;
  buffer: Buffer;
}

export type UnpackProblem =
  | { code: 'TOO_MANY_ZIP_ENTRIES'; limit: number }
  | { code: 'ZIP_TOO_LARGE_UNPACKED'; limit: number }
  | { code: 'UNREADABLE_ZIP' };

export class UnpackRefused extends Error {
  constructor(readonly problem: UnpackProblem, readonly fileName: string) {
    super(problem.code);
  }
}

interface InflateStream {
  on(event: 'data', listener: (chunk: Uint8Array) => void): InflateStream;
  on(event: 'error', listener: (error: Error) => void): InflateStream;
  on(event: 'end', listener: () => void): InflateStream;
  pause(): InflateStream;
  resume(): InflateStream;
}

const SHEET_FILE = /\.(xlsx|csv|tsv|txt)$/i;
const isZip = (file: NamedFile) => /\.zip$/i.test(file.fileName) || (file.buffer[0] === 0x50 && file.buffer[1] === 0x4b && !/\.xlsx$/i.test(file.fileName));

/** Uploaded files with any zip replaced by its XLSX/CSV entries (others skipped); throws UnpackRefused past a limit. */
export async function unpackUploads(files: readonly NamedFile[], limits = CHECK_UPLOAD_LIMITS): Promise<NamedFile[]> {
  const out: NamedFile[] = [];
  for (const file of files) {
    if (!isZip(file)) {
      out.push(file);
      continue;
    }
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(file.buffer);
    } catch {
      throw new UnpackRefused({ code: 'UNREADABLE_ZIP' }, file.fileName);
    }
    const entries = Object.values(zip.files).filter((e) => !e.dir && !/(^|\/)(__MACOSX|\.)/.test(e.name) && SHEET_FILE.test(e.name));
    if (entries.length > limits.zipEntries) throw new UnpackRefused({ code: 'TOO_MANY_ZIP_ENTRIES', limit: limits.zipEntries }, file.fileName);
    let unpacked = 0;
    for (const entry of entries) {
      const chunks: Buffer[] = [];
      await new Promise<void>((resolve, reject) => {
        // jszip's own stream (not in its typings) inflates chunk by chunk, so the meter stops a bomb early.
        const stream = (entry as unknown as { internalStream(type: 'uint8array'): InflateStream }).internalStream('uint8array');
        stream
          .on('data', (chunk: Uint8Array) => {
            unpacked += chunk.length;
            if (unpacked > limits.zipUnpackedBytes) {
              stream.pause();
              reject(new UnpackRefused({ code: 'ZIP_TOO_LARGE_UNPACKED', limit: limits.zipUnpackedBytes }, file.fileName));
              return;
            }
            chunks.push(Buffer.from(chunk));
          })
          .on('error', () => reject(new UnpackRefused({ code: 'UNREADABLE_ZIP' }, file.fileName)))
          .on('end', () => resolve())
          .resume();
      });
      out.push({ fileName: `${file.fileName}/${entry.name}`, buffer: Buffer.concat(chunks) });
    }
  }
  return out;
}
