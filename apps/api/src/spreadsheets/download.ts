import { type ServerResponse } from 'node:http';
import { type FastifyReply } from 'fastify';

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

type DownloadOptions = { disposition?: 'attachment' | 'inline'; cacheControl?: string };

function downloadHeaders(fileName: string, contentType: string, options: DownloadOptions): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Disposition': contentDisposition(fileName, options.disposition),
    'Cache-Control': options.cacheControl ?? 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
}

/**
 * Begins a streamed download: the Node response is taken over from Fastify (with the headers the
 * request has gathered so far: its id, CORS) and returned for the file to be written into.
 */
export function beginDownload(reply: FastifyReply, fileName: string, contentType: string, options: DownloadOptions = {}): ServerResponse {
  const raw = reply.raw;
  for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) raw.setHeader(name, value);
  reply.hijack();
  raw.statusCode = 200;
  for (const [name, value] of Object.entries(downloadHeaders(fileName, contentType, options))) raw.setHeader(name, value);
  return raw;
}

/** A whole (small) file at once: templates, attachments, the 自评表. */
export function sendDownload(reply: FastifyReply, fileName: string, contentType: string, body: Buffer, options: DownloadOptions = {}): FastifyReply {
  return reply.status(200).headers(downloadHeaders(fileName, contentType, options)).send(body);
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
export async function streamDownload(reply: FastifyReply, write: () => Promise<unknown>, onLateError: (error: unknown) => void): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!reply.raw.headersSent) throw error;
    onLateError(error);
    reply.raw.destroy(error instanceof Error ? error : undefined);
  }
}
