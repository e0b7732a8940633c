import nodemailer from 'nodemailer';
import { type OutgoingMessage, type SendResult } from './message.js';
import { type SmtpSettings } from '@app/contracts';

/** SMTP settings from a URL (NOTIFY_SMTP_URL: smtp://user:password@host:587). */
export function smtpFromUrl(url: string, from: string): SmtpSettings {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || (parsed.protocol === 'smtps:' ? 465 : 587)),
    secure: parsed.protocol === 'smtps:',
    user: parsed.username ? decodeURIComponent(parsed.username) : null,
    password: parsed.password ? decodeURIComponent(parsed.password) : null,
    from,
  };
}

export async function sendEmail(smtp: SmtpSettings, to: string[], message: OutgoingMessage, timeoutMs: number): Promise<SendResult> {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure ?? smtp.port === 465,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    // A local relay without a certificate is common inside government networks; STARTTLS is still used when offered.
    tls: { rejectUnauthorized: false },
  });
  try {
    const info = await transport.sendMail({
      from: smtp.from,
      to,
      subject: message.title,
      text: message.url ? `${message.body}\n\n${message.url}` : message.body,
      attachments: message.file ? [{ filename: message.file.name, content: message.file.bytes, contentType: 'application/pdf' }] : [],
    });
    return { ok: true, status: null, response: String(info.response ?? 'sent').slice(0, 2000) };
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    return { ok: false, status: code ?? null, response: (error instanceof Error ? error.message : String(error)).slice(0, 2000), rateLimited: code === 421 || code === 450 || code === 451 };
  } finally {
    transport.close();
  }
}
