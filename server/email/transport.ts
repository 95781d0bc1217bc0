/**
 * Where email goes: the SMTP server of SMTP_URL, or, with none (a laptop), an .eml file per email
 * in the git-ignored mail folder, listed at /dev/mail in development.
 */
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config';

export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
}

export interface MailSender {
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

/** .eml files are named so a directory listing sorts them oldest first. */
export function emlFileName(email: OutgoingEmail, at = new Date()): string {
  const id = email.messageId.replace(/[^A-Za-z0-9.-]/g, '');
  return `${at.toISOString().replace(/[:.]/g, '-')}-${id}.eml`;
}

export function createMailSender(config: Pick<Config, 'smtpUrl' | 'mailDir'>): MailSender {
  if (config.smtpUrl) {
    // One connection reused for a worker's batch; a failure surfaces as a rejected send.
    const transport = nodemailer.createTransport(config.smtpUrl, { pool: true, maxConnections: 2 } as object);
    return {
      async send(email) {
        await transport.sendMail(email);
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(email) {
      const info = await transport.sendMail(email);
      await fs.promises.mkdir(config.mailDir, { recursive: true });
      await fs.promises.writeFile(path.join(config.mailDir, emlFileName(email)), info.message as Buffer);
    },
    close: () => transport.close(),
  };
}
