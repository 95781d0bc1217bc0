/** A real SMTP server in the test process (smtp-server), keeping every delivered email parsed by mailparser. */
import { SMTPServer } from 'smtp-server';
import { simpleParser, ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface TestMailbox {
  url: string;
  port: number;
  received: ParsedMail[];
  /** Emails to `to` (case-insensitive), oldest first. */
  to(address: string): ParsedMail[];
  /** Resolves with the first email matching, waiting up to timeoutMs. */
  waitFor(match: (mail: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  waitForCount(count: number, timeoutMs?: number): Promise<void>;
  /** Runs before each message is accepted: throw to refuse it, or wait to hold it. */
  gate: ((mail: ParsedMail) => Promise<void>) | null;
  close(): Promise<void>;
}

function recipients(mail: ParsedMail): string[] {
  const to = mail.to ? (Array.isArray(mail.to) ? mail.to : [mail.to]) : [];
  return to.flatMap((each) => each.value.map((address) => (address.address ?? '').toLowerCase()));
}

export async function startMailbox(): Promise<TestMailbox> {
  const received: ParsedMail[] = [];
  const mailbox: Partial<TestMailbox> = { received, gate: null };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          if (mailbox.gate) await mailbox.gate(mail);
          received.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  const waitUntil = async (done: () => boolean, timeoutMs: number, what: string) => {
    const end = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what} (${received.length} received)`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return Object.assign(mailbox, {
    url: `smtp://127.0.0.1:${port}`,
    port,
    to: (address: string) => received.filter((mail) => recipients(mail).includes(address.toLowerCase())),
    async waitFor(match: (mail: ParsedMail) => boolean, timeoutMs = 10_000) {
      await waitUntil(() => received.some(match), timeoutMs, 'an email');
      return received.find(match)!;
    },
    waitForCount: (count: number, timeoutMs = 30_000) => waitUntil(() => received.length >= count, timeoutMs, `${count} emails`),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as TestMailbox;
}

/** The first link in an email's text that goes to `path`, as a path with its query. */
export function linkIn(mail: ParsedMail, path: string): string {
  const match = new RegExp(`https?://[^/\\s]+(${path.replace(/[/.?]/g, '\\$&')}[^\\s]*)`).exec(mail.text ?? '');
  if (!match) throw new Error(`no ${path} link in: ${mail.text}`);
  return match[1];
}
