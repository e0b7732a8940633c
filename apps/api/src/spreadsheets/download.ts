import { type Response } from 'express';

export const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
} as const;

// RFC 5987 attr-chars: encodeURIComponent leaves ' ( ) * unescaped, which the grammar does not allow.
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The one Content-Disposition of the API: an ASCII `filename` for old clients and the real
 * (Chinese) name as RFC 5987 `filename*`, which every current browser prefers.
 */
export function contentDisposition(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const clean = fileName.replace(/[\\/\0\r\n]/g, '_');
  const ascii = clean.replace(/[^\x20-\x7e]/g, '_').replace(/["%;]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(clean)}`;
}

/** Sets the headers of a download; the body is then written (or streamed) by the caller. */
export function beginDownload(
  response: Response,
  fileName: string,
  contentType: string,
  options: { disposition?: 'attachment' | 'inline'; cacheControl?: string } = {},
): void {
  response.status(200);
  response.setHeader('Content-Type', contentType);
  response.setHeader('Content-Disposition', contentDisposition(fileName, options.disposition));
  response.setHeader('Cache-Control', options.cacheControl ?? 'no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
}

/** A whole (small) file at once: templates, attachments, the 自评表. */
export function sendDownload(response: Response, fileName: string, contentType: string, body: Buffer, options: Parameters<typeof beginDownload>[3] = {}): void {
  beginDownload(response, fileName, contentType, options);
  response.end(body);
}

// busboy reads multipart file names as latin1; browsers send UTF-8 ("路北社区签到表.jpg").
export function decodeUploadFileName(name: string | undefined): string {
  const raw = name || 'upload';
  if (!/[\u0080-\u00ff]/.test(raw) || [...raw].some((c) => c.charCodeAt(0) > 0xff)) return raw;
  const decoded = Buffer.from(raw, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? raw : decoded;
}

/**
 * Runs a streamed download. A failure before the first byte goes to the exception filters (a
 * proper error body); once the file has begun, the only honest signal left is a cut connection,
 * so the response is destroyed (the browser reports a failed download, never a truncated file).
 */
export async function streamDownload(response: Response, write: () => Promise<unknown>, onLateError: (error: unknown) => void): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!response.headersSent) throw error;
    onLateError(error);
    response.destroy(error instanceof Error ? error : undefined);
  }
}
