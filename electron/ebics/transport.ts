import { Agent, EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import { KontorError } from '../../shared/errors';
/** Sent when the caller names no User-Agent; the services name Kontor's version (services/version.ts). */
export const DEFAULT_USER_AGENT = 'Kontor (EBICS client)';
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export interface TransportOptions {
  /** Per request, connect to last byte. */
  timeoutMs?: number;
  /**
   * The one exception to "HTTPS with a verified certificate": the demo bank
   * Kontor itself runs on this machine. Honoured only for loopback addresses
   * and shown to the user as "demo bank (not encrypted)".
   */
  demoBankOnLoopback?: boolean;
  /** Extra CA certificates (PEM), e.g. a company TLS-inspection proxy's. */
  ca?: string | string[];
  /** The User-Agent header: the application and its version, which the EBICS layer does not know. */
  userAgent?: string;
}

export interface Transport {
  post(xml: string): Promise<string>;
  readonly url: string;
  readonly tlsVerified: boolean;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Says in words what went wrong on the wire; the technical cause goes into params for support. */
function networkError(url: URL, e: unknown): KontorError {
  const err = e as { code?: string; cause?: { code?: string; message?: string }; message?: string; name?: string };
  const code = err.code ?? err.cause?.code ?? err.name ?? '';
  const detail = String(err.cause?.message ?? err.message ?? code);
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|HOSTNAME/.test(code) || /certificate/i.test(detail)) {
    return new KontorError(
      'ebics.tlsUntrusted',
      `The bank server ${url.host} presented a certificate that could not be verified. Kontor did not send anything. Check the host URL from your bank's letter; if your company inspects TLS traffic, ask IT for its CA certificate.`,
      { host: url.host, detail },
    );
  }
  if (/TIMEOUT|ABORT/i.test(code) || /timed? ?out/i.test(detail)) {
    return new KontorError('ebics.timeout', `The bank server ${url.host} did not answer in time. Try again later.`, { host: url.host, detail });
  }
  return new KontorError(
    'ebics.unreachable',
    `The bank server ${url.host} could not be reached (${code || 'network error'}). Check the internet connection and the host URL.`,
    {
      host: url.host,
      detail,
    },
  );
}

/**
 * The connection to one bank: HTTPS with certificate verification (Node's
 * default CAs plus any given), a proxy from HTTPS_PROXY/HTTP_PROXY/NO_PROXY,
 * timeouts, a User-Agent naming Kontor, and a cap on what the bank may send.
 */
/**
 * The rule for a bank's address, checked when an access is saved and again
 * before every connection: https, or plain http only for the demo bank on
 * this computer.
 */
export function checkHostUrl(hostUrl: string, demoBankOnLoopback = false): URL {
  let url: URL;
  try {
    url = new URL(hostUrl);
  } catch {
    throw new KontorError('ebics.badHostUrl', `The host URL "${hostUrl}" is not a valid address.`);
  }
  if (demoBankOnLoopback && !isLoopback(url.hostname)) {
    throw new KontorError('ebics.demoNotLocal', 'The unencrypted demo-bank exception applies only to a demo bank on this computer.');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && demoBankOnLoopback)) {
    throw new KontorError(
      'ebics.insecureHostUrl',
      `The host URL must start with https:// (got ${url.protocol}//). Kontor talks to banks only over verified TLS.`,
    );
  }
  return url;
}

export function createTransport(hostUrl: string, o: TransportOptions = {}): Transport {
  const url = checkHostUrl(hostUrl, o.demoBankOnLoopback === true);
  const timeout = o.timeoutMs ?? 120_000;
  const userAgent = o.userAgent ?? DEFAULT_USER_AGENT;
  const connect = { rejectUnauthorized: true, ...(o.ca ? { ca: o.ca } : {}) };
  // A bank on loopback never goes through a proxy.
  const dispatcher: Dispatcher = isLoopback(url.hostname)
    ? new Agent({ connect, headersTimeout: timeout, bodyTimeout: timeout })
    : // Through a proxy the bank's TLS options go in requestTls; connect applies to the proxy hop.
      new EnvHttpProxyAgent({ connect, requestTls: connect, headersTimeout: timeout, bodyTimeout: timeout });

  return {
    url: url.href,
    tlsVerified: url.protocol === 'https:',
    async post(xml: string): Promise<string> {
      let res: Dispatcher.ResponseData;
      try {
        res = await request(url, {
          method: 'POST',
          dispatcher,
          body: xml,
          headers: { 'content-type': 'text/xml; charset=UTF-8', 'user-agent': userAgent, accept: 'text/xml, application/xml' },
          signal: AbortSignal.timeout(timeout),
        });
      } catch (e) {
        throw networkError(url, e);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of res.body) {
          size += (chunk as Buffer).length;
          if (size > MAX_RESPONSE_BYTES) {
            res.body.destroy();
            throw new KontorError('ebics.responseTooLarge', 'The bank sent a response larger than Kontor accepts in one message.');
          }
          chunks.push(chunk as Buffer);
        }
      } catch (e) {
        if (e instanceof KontorError) throw e;
        throw networkError(url, e);
      }
      const body = Buffer.concat(chunks).toString('utf8');
      if (res.statusCode !== 200) {
        throw new KontorError('ebics.httpError', `The bank server answered with HTTP ${res.statusCode} instead of an EBICS message. Try again later.`, {
          status: res.statusCode,
        });
      }
      return body;
    },
  };
}
