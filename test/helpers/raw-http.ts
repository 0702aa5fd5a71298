import { connect } from 'node:net';

/** What came back on a raw socket: the status, the headers (lower-cased) and the body. */
export interface RawReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Writes `chunks` to a fresh TCP connection (HTTP the way `fetch` would never send it: too long,
 * malformed, or never finished) and reads until the server closes the connection.
 */
export function rawRequest(port: number, chunks: string[]): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (data) => received.push(data));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(received).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
    for (const chunk of chunks) socket.write(chunk);
  });
}
