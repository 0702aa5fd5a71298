import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fixture server received. */
export interface RecordedRequest {
  method: string;
  /** path and query as sent, still percent-encoded */
  url: string;
  /** the decoded path */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the fixture server answers. An object `body` is sent as JSON; a string `body` as is. */
export interface FixtureReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** wait this long before answering (for timeouts) */
  delayMs?: number;
  /** cut the connection instead of answering (for resets) */
  destroy?: boolean;
}

export type FixtureHandler = (request: RecordedRequest) => FixtureReply | Promise<FixtureReply>;

export interface ScimFixtureServer {
  /** base URL, like http://127.0.0.1:12345 */
  url: string;
  /** every request received, in order */
  requests: RecordedRequest[];
  /** the last request received */
  lastRequest(): RecordedRequest;
  /** answers every following request with `reply` (a fixed reply, or a function of the request) */
  reply(reply: FixtureReply | FixtureHandler): void;
  close(): Promise<void>;
}

/**
 * A real HTTP server on a free loopback port that answers canned SCIM responses and records what it
 * received: the client's tests talk HTTP to it, nothing in the client is mocked.
 */
export async function startScimFixtureServer(): Promise<ScimFixtureServer> {
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let handler: FixtureHandler = () => ({ status: 500, body: 'no reply configured' });

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = req.url ?? '/';
      const parsed = new URL(url, 'http://fixture');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url,
        path: decodeURIComponent(parsed.pathname),
        query: parsed.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      void Promise.resolve(handler(recorded)).then((reply) => {
        const send = () => {
          if (reply.destroy) {
            req.socket.destroy();
            return;
          }
          const body =
            reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
          const headers: Record<string, string> = {
            ...(typeof reply.body === 'object' && reply.body !== null
              ? { 'Content-Type': 'application/scim+json' }
              : {}),
            ...reply.headers,
          };
          res.writeHead(reply.status ?? 200, headers).end(body);
        };
        if (reply.delayMs === undefined) send();
        else {
          const timer = setTimeout(() => {
            timers.delete(timer);
            send();
          }, reply.delayMs);
          timers.add(timer);
        }
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    lastRequest() {
      const last = requests[requests.length - 1];
      if (!last) throw new Error('the fixture server has received no request');
      return last;
    },
    reply(reply) {
      handler = typeof reply === 'function' ? reply : () => reply;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      // The client keeps connections alive; without this, close() would wait for them to idle out.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
