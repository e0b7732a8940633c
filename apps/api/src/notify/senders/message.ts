// What a sender needs of a notice, and how a send went.

export interface OutgoingMessage {
  kind: string;
  title: string;
  body: string;
  /** Absolute URL into the app, when PUBLIC_BASE_URL is set. */
  url: string | null;
  /** The brief as PDF, for notices that carry it. */
  file: { name: string; bytes: Buffer } | null;
}

export interface SendResult {
  ok: boolean;
  /** HTTP status (robots), or null (SMTP, network error). */
  status: number | null;
  /** The channel's answer as text, kept with the attempt. */
  response: string;
  /** The channel refused for its rate limit: retry later, not counted as a hard failure. */
  rateLimited?: boolean;
  /** Steps of a multi-part send done so far (WeCom: text, then file). */
  stepsDone?: number;
}

/** The text part of a message as Markdown (WeCom and DingTalk both read this subset). */
export function markdownOf(message: OutgoingMessage, keyword?: string | null): string {
  const lines = [`**${message.title}**`, '', message.body];
  if (message.url) lines.push('', `[查看详情](${message.url})`);
  // DingTalk robots with a keyword rule drop messages without one of their keywords.
  if (keyword && !lines.join('\n').includes(keyword)) lines.push('', keyword);
  return lines.join('\n');
}

/**
 * What we record as a channel's answer when the channel itself said nothing: "中文 / English", which
 * the screens show in the reader's language (a robot's or mail server's own answer is shown as it came).
 */
export const OWN_ANSWERS = {
  channelOff: '通知通道已删除或已停用 / The channel was removed or switched off',
  noSmtp: '未配置给用户发邮件的服务器（NOTIFY_SMTP_URL），请联系系统管理员 / No server for e-mail to users (NOTIFY_SMTP_URL is not set); ask the system administrator',
  alreadySent: '此前已发送 / Sent before',
  networkError: (detail: string) => `网络错误：${detail} / Network error: ${detail}`,
};

export async function postJson(url: string, body: unknown, timeoutMs: number): Promise<{ status: number | null; text: string }> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, text: (await response.text()).slice(0, 2000) };
  } catch (error) {
    return { status: null, text: OWN_ANSWERS.networkError(error instanceof Error ? error.message : String(error)).slice(0, 2000) };
  }
}

/** A robot's answer: HTTP 200 with errcode 0 is success; its rate-limit codes mean "later". */
export function robotResult(answer: { status: number | null; text: string }, rateLimitCodes: number[]): SendResult {
  let errcode: number | null;
  try {
    errcode = Number((JSON.parse(answer.text) as { errcode?: unknown }).errcode ?? NaN);
  } catch {
    errcode = null;
  }
  const ok = answer.status === 200 && errcode === 0;
  const rateLimited = answer.status === 429 || (errcode !== null && rateLimitCodes.includes(errcode));
  return { ok, status: answer.status, response: answer.text, rateLimited };
}
