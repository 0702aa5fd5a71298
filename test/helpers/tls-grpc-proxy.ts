import { readFileSync } from 'node:fs';
import {
  connect,
  constants,
  createSecureServer,
  type ClientHttp2Session,
  type IncomingHttpHeaders,
  type ServerHttp2Session,
  type ServerHttp2Stream,
} from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { TestCertificates } from './test-certificates';

/** What the proxy demands of its clients. */
export interface ProxyOptions {
  /** mTLS: refuse a TLS handshake without a client certificate signed by the test CA */
  requireClientCert: boolean;
  /** refuse a call without `authorization: Bearer <apiKey>` (gRPC UNAUTHENTICATED) */
  apiKey?: string;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection']);

function forwardable(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

/** A trailers-only gRPC answer: the call fails with this status, no message. */
function refuse(stream: ServerHttp2Stream, grpcStatus: number, message: string): void {
  stream.respond(
    { ':status': 200, 'content-type': 'application/grpc', 'grpc-status': String(grpcStatus), 'grpc-message': message },
    { endStream: true },
  );
}

/**
 * A TLS-terminating gRPC proxy in front of a plain-text Temporal frontend, as a load balancer or a
 * secured cluster's frontend would be: HTTP/2 over TLS with the test CA's server certificate,
 * optionally demanding client certificates (mTLS) and an API key, each call forwarded as is.
 */
export async function startTlsGrpcProxy(
  upstreamAddress: string,
  certificates: TestCertificates,
  options: ProxyOptions,
): Promise<{ address: string; calls: () => number; close(): Promise<void> }> {
  let upstream: ClientHttp2Session | undefined;
  const session = () => {
    if (!upstream || upstream.closed || upstream.destroyed) {
      upstream = connect(`http://${upstreamAddress}`);
      upstream.on('error', () => undefined);
    }
    return upstream;
  };
  let forwarded = 0;
  const server = createSecureServer({
    key: readFileSync(certificates.serverKey),
    cert: readFileSync(certificates.serverCert),
    ca: readFileSync(certificates.caCert),
    requestCert: options.requireClientCert,
    rejectUnauthorized: options.requireClientCert,
    allowHTTP1: false,
  });
  const sessions = new Set<ServerHttp2Session>();
  server.on('session', (accepted) => {
    sessions.add(accepted);
    accepted.on('close', () => sessions.delete(accepted));
  });
  server.on('stream', (stream, headers) => {
    stream.on('error', () => undefined);
    if (options.apiKey !== undefined && headers.authorization !== `Bearer ${options.apiKey}`) {
      refuse(stream, 16, 'a valid API key is required');
      return;
    }
    forwarded++;
    const call = session().request(forwardable(headers));
    call.on('error', () => stream.close(constants.NGHTTP2_INTERNAL_ERROR));
    stream.on('close', () => {
      if (!call.closed) call.close(constants.NGHTTP2_CANCEL);
    });
    stream.pipe(call);
    call.on('response', (responseHeaders, flags) => {
      // A trailers-only answer (an error) ends with its headers.
      if (flags & constants.NGHTTP2_FLAG_END_STREAM || responseHeaders['grpc-status'] !== undefined) {
        stream.respond(forwardable(responseHeaders), { endStream: true });
        return;
      }
      let trailers: IncomingHttpHeaders = {};
      call.on('trailers', (received) => (trailers = received));
      stream.respond(forwardable(responseHeaders), { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers(forwardable(trailers)));
      call.pipe(stream);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    calls: () => forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        upstream?.destroy();
        server.close(() => resolve());
        // Open sessions (a worker's long polls) would hold close() forever.
        for (const open of sessions) open.destroy();
      }),
  };
}
