// A real SMTP server on loopback (the smtp-server package, a free port) that keeps what it receives, asks for
// a login, and answers the DATA of the next messages with the codes a test queues (451, 550 …) before it
// accepts again. With a small MIME reader for the messages' text and attachments (nodemailer's own header
// parser for the parameters).
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import mimeFuncs from 'nodemailer/lib/mime-funcs/index.js';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: Buffer;
}

export interface SmtpSink {
  port: number;
  received: ReceivedMail[];
  /** Codes to answer the next messages' DATA with, one per message, before accepting again. */
  answers: number[];
  /** DATA commands answered (refused or accepted). */
  dataCommands: number;
  close(): Promise<void>;
}

export async function startSmtpSink(login: { user: string; pass: string }): Promise<SmtpSink> {
  const sink: SmtpSink = { port: 0, received: [], answers: [], dataCommands: 0, close: async () => undefined };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === login.user && auth.password === login.pass) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        sink.dataCommands++;
        const code = sink.answers.shift();
        if (code !== undefined) {
          callback(Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: code }));
          return;
        }
        sink.received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        callback(null, 'Message queued');
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.port = (server.server.address() as AddressInfo).port;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}

export interface MimePart {
  headers: Map<string, string>;
  body: Buffer;
}

function splitHeaders(raw: Buffer): MimePart {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end).toString('latin1').replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.subarray(end + 4) };
}

function decode(part: MimePart): Buffer {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.toString('latin1').replace(/\s+/g, ''), 'base64');
  if (encoding === 'quoted-printable') {
    const text = part.body.toString('latin1').replace(/=\r\n/g, '');
    return Buffer.from(text.replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
  }
  return part.body;
}

export interface ParsedMail {
  headers: Map<string, string>;
  text: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

/** The message's headers, its text part and its attachments (a multipart/mixed as nodemailer writes it). */
export function parseMail(raw: Buffer): ParsedMail {
  const top = splitHeaders(raw);
  const type = mimeFuncs.parseHeaderValue(top.headers.get('content-type') ?? 'text/plain');
  if (!type.value.startsWith('multipart/')) return { headers: top.headers, text: decode(top).toString('utf8'), attachments: [] };
  const boundary = `--${type.params.boundary}`;
  const pieces = top.body.toString('latin1').split(boundary).slice(1, -1);
  const parts = pieces.map((p) => splitHeaders(Buffer.from(p.replace(/^\r\n/, '').replace(/\r\n$/, ''), 'latin1')));
  const text = parts.find((p) => (p.headers.get('content-type') ?? '').startsWith('text/plain') && !p.headers.has('content-disposition'));
  const attachments = parts
    .filter((p) => (p.headers.get('content-disposition') ?? '').startsWith('attachment'))
    .map((p) => ({
      filename: mimeFuncs.parseHeaderValue(p.headers.get('content-disposition')!).params.filename,
      contentType: mimeFuncs.parseHeaderValue(p.headers.get('content-type')!).value,
      content: decode(p),
    }));
  return { headers: top.headers, text: text ? decode(text).toString('utf8') : '', attachments };
}
