import { createHmac } from 'node:crypto';
import { markdownOf, postJson, robotResult, type OutgoingMessage, type SendResult } from './message.js';

// 钉钉 custom robot: POST {webhook}&timestamp=…&sign=… with a markdown message. With a signing
// secret, sign = URL-encoded base64 of HMAC-SHA256(secret, `${timestamp}\n${secret}`), timestamp in
// milliseconds. A robot with a keyword rule drops messages without a keyword. Custom robots send
// no files: the brief goes as its link. 130101: "send too fast" (20 messages a minute).
const RATE_LIMIT_CODES = [130101];

export function dingtalkSign(secret: string, timestamp: number): string {
  return encodeURIComponent(createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64'));
}

export function dingtalkUrl(webhook: string, secret: string | null, now = Date.now()): string {
  if (!secret) return webhook;
  return `${webhook}${webhook.includes('?') ? '&' : '?'}timestamp=${now}&sign=${dingtalkSign(secret, now)}`;
}

export async function sendDingtalk(webhook: string, secret: string | null, keyword: string | null, message: OutgoingMessage, timeoutMs: number): Promise<SendResult> {
  const body = { msgtype: 'markdown', markdown: { title: message.title.slice(0, 100), text: markdownOf(message, keyword).slice(0, 4000) } };
  return robotResult(await postJson(dingtalkUrl(webhook, secret), body, timeoutMs), RATE_LIMIT_CODES);
}
