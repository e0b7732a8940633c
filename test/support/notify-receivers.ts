// Local stand-ins for 企业微信 and 钉钉 group robots (checking their request formats and DingTalk's
// signature) and an SMTP server, for the notice tests.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface RobotMessage {
  robot: 'wecom' | 'dingtalk';
  msgtype: string;
  text: string;
  mediaId?: string;
  accepted: boolean;
}

export interface Mail {
  to: string[];
  subject: string;
  raw: string;
  hasPdf: boolean;
}

/** MIME encoded-words in a header (=?UTF-8?B?…?= / =?UTF-8?Q?…?=), decoded. */
export function decodeHeader(value: string): string {
  return value.replace(/\r?\n\s+/g, ' ').replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, how: string, text: string) =>
    how.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m: string, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}

export class Receivers {
  readonly messages: RobotMessage[] = [];
  readonly uploads: Array<{ fileName: string; isPdf: boolean }> = [];
  readonly mails: Mail[] = [];
  readonly problems: string[] = [];
  /** Forced answers, consumed one per request to that robot: 'http500' or 'ratelimit'. */
  readonly script: Record<'wecom' | 'dingtalk', Array<'http500' | 'ratelimit'>> = { wecom: [], dingtalk: [] };
  robotUrl = '';
  smtpPort = 0;
  private server!: http.Server;
  private smtp!: SMTPServer;

  constructor(readonly dingtalkSecret: string, readonly dingtalkKeyword: string) {}

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, Buffer.concat(chunks), res));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.robotUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.smtp = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const subject = decodeHeader(/^Subject: (.*(?:\r?\n\s+.*)*)/m.exec(raw)?.[1] ?? '');
          this.mails.push({ to: session.envelope.rcptTo.map((r) => r.address), subject, raw, hasPdf: /Content-Type: application\/pdf/i.test(raw) && /JVBERi0/.test(raw) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.smtp.listen(0, '127.0.0.1', resolve));
    this.smtpPort = (this.smtp.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await new Promise<void>((resolve) => this.smtp.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void {
    const url = new URL(req.url!, 'http://x');
    const answer = (status: number, json: unknown) => { res.writeHead(status, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(json)); };
    if (url.pathname === '/cgi-bin/webhook/upload_media') {
      if (url.searchParams.get('type') !== 'file' || !url.searchParams.get('key')) this.problems.push(`wecom upload without key or type=file: ${req.url}`);
      const text = body.toString('latin1');
      const name = /name="media"; filename="([^"]+)"/.exec(text)?.[1] ?? '';
      if (!name) this.problems.push('wecom upload without the "media" part');
      this.uploads.push({ fileName: Buffer.from(name, 'latin1').toString('utf8'), isPdf: text.includes('%PDF-') });
      return answer(200, { errcode: 0, errmsg: 'ok', type: 'file', media_id: `media-${this.uploads.length}`, created_at: '1' });
    }
    let json: { msgtype?: string; markdown?: { content?: string; title?: string; text?: string }; file?: { media_id?: string } };
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      this.problems.push(`not JSON: ${req.url}`);
      return answer(400, { errcode: 40001 });
    }
    if (url.pathname === '/cgi-bin/webhook/send') {
      if (!url.searchParams.get('key')) this.problems.push('wecom send without key');
      if (json.msgtype === 'markdown' && typeof json.markdown?.content !== 'string') this.problems.push('wecom markdown without content');
      if (json.msgtype === 'file' && !json.file?.media_id) this.problems.push('wecom file without media_id');
      if (json.msgtype !== 'markdown' && json.msgtype !== 'file') this.problems.push(`wecom msgtype ${json.msgtype}`);
      return this.reply('wecom', { robot: 'wecom', msgtype: json.msgtype!, text: json.markdown?.content ?? '', mediaId: json.file?.media_id }, answer, 45009);
    }
    if (url.pathname === '/robot/send') {
      const timestamp = url.searchParams.get('timestamp');
      const sign = url.searchParams.get('sign');
      const expected = createHmac('sha256', this.dingtalkSecret).update(`${timestamp}\n${this.dingtalkSecret}`).digest('base64');
      if (!url.searchParams.get('access_token')) this.problems.push('dingtalk without access_token');
      if (!timestamp || Math.abs(Date.now() - Number(timestamp)) > 3600_000) this.problems.push(`dingtalk timestamp ${timestamp}`);
      if (sign !== expected) this.problems.push(`dingtalk sign ${sign} is not ${expected}`);
      if (json.msgtype !== 'markdown' || !json.markdown?.title || !json.markdown?.text) this.problems.push('dingtalk markdown without title or text');
      if (!json.markdown?.text?.includes(this.dingtalkKeyword)) return answer(200, { errcode: 310000, errmsg: 'keywords not in content' });
      return this.reply('dingtalk', { robot: 'dingtalk', msgtype: json.msgtype!, text: json.markdown!.text! }, answer, 130101);
    }
    this.problems.push(`unknown path ${url.pathname}`);
    return answer(404, {});
  }

  private reply(robot: 'wecom' | 'dingtalk', message: Omit<RobotMessage, 'accepted'>, answer: (status: number, json: unknown) => void, rateLimitCode: number): void {
    const forced = this.script[robot].shift();
    this.messages.push({ ...message, accepted: !forced });
    if (forced === 'http500') return answer(500, { errcode: -1, errmsg: 'system busy' });
    if (forced === 'ratelimit') return answer(200, { errcode: rateLimitCode, errmsg: 'api freq out of limit' });
    return answer(200, { errcode: 0, errmsg: 'ok' });
  }
}
