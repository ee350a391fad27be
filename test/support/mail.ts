// A real SMTP server on loopback that keeps every message it accepts, for tests of e-mail that the
// engine really sends (outbox delivery, sign-in links).
import { SMTPServer } from 'smtp-server';
import { freePort } from './global-setup.js';

export interface Received {
  to: string[];
  subject: string;
  /** The text part, with quoted-printable soft breaks undone. */
  text: string;
  raw: string;
}

export interface SmtpSink {
  url: string;
  received: Received[];
  /** The first message to `to` whose text matches `re` (after the first `skip` such), waited for. */
  waitFor(to: string, re: RegExp, opts?: number | { ms?: number; skip?: number }): Promise<Received>;
  /** Resolves as soon as `n` messages in all have arrived (before the sender has its answer to the last one). */
  waitForCount(n: number, ms?: number): Promise<void>;
  close(): Promise<void>;
}

/** Quoted-printable to text: soft breaks undone, =XX bytes put together and read as UTF-8 (é is =C3=A9). */
const decodeQp = (s: string): string => {
  const bytes: number[] = [];
  const text = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '=' ? /^[0-9A-F]{2}/.exec(text.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
};

/** A header's RFC 2047 encoded words (=?UTF-8?Q?...?= or ?B?), as nodemailer writes non-ASCII subjects. */
const decodeWords = (v: string): string =>
  v
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQp(data.replace(/_/g, ' ')),
    );

/** The text part: quoted-printable or base64, as the sender chose. */
const bodyText = (head: string, body: string): string =>
  /^Content-Transfer-Encoding: *base64/im.test(head)
    ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    : decodeQp(body);

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: Received[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const [folded = '', ...rest] = raw.split(/\r?\n\r?\n/);
        // Long headers are folded onto indented lines.
        const head = folded.replace(/\r?\n[ \t]+/g, ' ');
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: decodeWords(/^Subject: (.*)$/m.exec(head)?.[1]?.trim() ?? ''),
          text: bodyText(head, rest.join('\n\n')),
          raw,
        });
        for (const w of waiters) w();
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const find = (to: string, re: RegExp, skip: number) =>
    received.filter((m) => m.to.includes(to) && re.test(m.text))[skip];
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitFor(to, re, opts = {}) {
      const { ms = 15_000, skip = 0 } = typeof opts === 'number' ? { ms: opts } : opts;
      const hit = find(to, re, skip);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = find(to, re, skip);
          if (!m) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(m);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no message to ${to} matching ${re} within ${ms} ms`));
        }, ms);
        waiters.add(check);
      });
    },
    waitForCount(n, ms = 15_000) {
      if (received.length >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length < n) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${received.length} of ${n} messages within ${ms} ms`));
        }, ms);
        waiters.add(check);
      });
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
