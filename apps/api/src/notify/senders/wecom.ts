import { markdownOf, OWN_ANSWERS, postJson, robotResult, type OutgoingMessage, type SendResult } from './message.js';

// 企业微信 group robot: POST {webhook}?key=… with a markdown message; a file is uploaded first
// (…/upload_media?key=…&type=file, multipart field "media") and then sent by its media_id.
// 45009: "api freq out of limit" (20 messages a minute per robot).
const RATE_LIMIT_CODES = [45009];

export function wecomUploadUrl(webhook: string): string {
  const url = new URL(webhook);
  url.pathname = url.pathname.replace(/\/send$/, '/upload_media');
  url.searchParams.set('type', 'file');
  return url.toString();
}

export async function sendWecom(webhook: string, message: OutgoingMessage, stepsDone: number, timeoutMs: number): Promise<SendResult> {
  let done = stepsDone;
  if (done < 1) {
    const answer = robotResult(await postJson(webhook, { msgtype: 'markdown', markdown: { content: markdownOf(message).slice(0, 4000) } }, timeoutMs), RATE_LIMIT_CODES);
    if (!answer.ok) return { ...answer, stepsDone: done };
    done = 1;
    if (!message.file) return { ...answer, stepsDone: done };
  }
  if (message.file && done < 2) {
    const form = new FormData();
    form.append('media', new Blob([new Uint8Array(message.file.bytes)], { type: 'application/octet-stream' }), message.file.name);
    let upload: { status: number | null; text: string };
    try {
      const response = await fetch(wecomUploadUrl(webhook), { method: 'POST', body: form, signal: AbortSignal.timeout(timeoutMs) });
      upload = { status: response.status, text: (await response.text()).slice(0, 2000) };
    } catch (error) {
      upload = { status: null, text: OWN_ANSWERS.networkError(error instanceof Error ? error.message : String(error)) };
    }
    const uploaded = robotResult(upload, RATE_LIMIT_CODES);
    if (!uploaded.ok) return { ...uploaded, stepsDone: done };
    const mediaId = (JSON.parse(upload.text) as { media_id?: string }).media_id;
    const sent = robotResult(await postJson(webhook, { msgtype: 'file', file: { media_id: mediaId } }, timeoutMs), RATE_LIMIT_CODES);
    return { ...sent, stepsDone: sent.ok ? 2 : done };
  }
  return { ok: true, status: 200, response: OWN_ANSWERS.alreadySent, stepsDone: done };
}
