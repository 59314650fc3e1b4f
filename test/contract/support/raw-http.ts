import * as net from 'node:net';

export interface RawRequest {
  method: string;
  /** Already percent-encoded, with its query. */
  target: string;
  headers: [string, string][];
  body?: Buffer;
  /** Announce fewer bytes than are sent (the rest is never read: the connection closes). */
  contentLength?: number;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One HTTP/1.1 request on its own connection, written byte by byte as given: no client library
 * normalises the headers, the length or the encoding, so requests no well-behaved client would
 * send still get through.
 */
export function rawRequest(port: number, req: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(20_000, () => socket.destroy(new Error('no answer within 20 s')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      try {
        resolve(parse(Buffer.concat(chunks)));
      } catch (error) {
        reject(error);
      }
    });
    const body = req.body ?? Buffer.alloc(0);
    const lines = [`${req.method} ${req.target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
    for (const [name, value] of req.headers) lines.push(`${name}: ${value}`);
    if (req.body !== undefined) lines.push(`Content-Length: ${req.contentLength ?? body.length}`);
    socket.write(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]));
  });
}

function parse(raw: Buffer): RawResponse {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`no HTTP answer: ${JSON.stringify(raw.toString('latin1', 0, 200))}`);
  const [statusLine, ...headerLines] = raw.toString('latin1', 0, end).split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = raw.subarray(end + 4);
  if (headers['transfer-encoding'] === 'chunked') body = unchunk(body);
  return { status, headers, body: body.toString('utf8') };
}

function unchunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let rest = data;
  for (;;) {
    const i = rest.indexOf('\r\n');
    const size = parseInt(rest.toString('latin1', 0, i), 16);
    if (!size) return Buffer.concat(parts);
    parts.push(rest.subarray(i + 2, i + 2 + size));
    rest = rest.subarray(i + 2 + size + 2);
  }
}
