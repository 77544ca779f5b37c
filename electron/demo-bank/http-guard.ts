/**
 * Who may talk to the demo bank over HTTP, decided from the request's headers
 * before its body is read.
 *
 * The bank listens on loopback without TLS or a login for INI/HIA, so a web
 * page open in the user's browser could otherwise send it requests: a
 * browser sends `text/plain` (also with parameters) cross-site without a
 * preflight, and a DNS-rebinding page reaches 127.0.0.1 under its own name.
 * EBICS clients send XML (`text/xml` or `application/xml`, EBICS Annex
 * "HTTP transport"; Kontor's transport `text/xml; charset=UTF-8`), name the
 * host they connect to, and never send the `Origin` or `Sec-Fetch-Site`
 * headers browsers add to a POST (Node's own fetch sends `Sec-Fetch-Mode`
 * but neither of these, so that one does not count). So the bank takes only:
 *
 * - a Content-Type whose media type is exactly `text/xml` or
 *   `application/xml` (parameters such as charset allowed) — else 415;
 * - a Host that is 127.0.0.1, localhost, [::1] or one of the bank's
 *   configured names, with the bank's own port — else 421;
 * - no `Origin` and no `Sec-Fetch-Site` — else 403.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface HttpRefusal {
  status: 403 | 415 | 421;
  text: string;
}

export interface GuardOptions {
  /** The port the bank listens on. */
  port: number;
  /** Further host names the bank answers to (besides 127.0.0.1, localhost and [::1]). */
  hostNames?: readonly string[];
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const XML_TYPES = ['text/xml', 'application/xml'];

/** The media type of a Content-Type value, lower case, without parameters; null when malformed. */
export function mediaType(contentType: string | undefined): string | null {
  if (contentType === undefined) return null;
  const essence = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return /^[a-z0-9!#$%&'*+.^_`|~-]+\/[a-z0-9!#$%&'*+.^_`|~-]+$/.test(essence) ? essence : null;
}

/** Host header → name and port (default 80), or null when it is not a plain host[:port]. */
export function parseHost(host: string | undefined): { name: string; port: number } | null {
  if (host === undefined) return null;
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(host.trim());
  if (!m) return null;
  return { name: m[1]!.toLowerCase(), port: m[2] === undefined ? 80 : Number(m[2]) };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}

/** Null when the request may proceed, else what to answer. */
export function refuseRequest(headers: IncomingHttpHeaders, o: GuardOptions): HttpRefusal | null {
  if (headers.origin !== undefined || headers['sec-fetch-site'] !== undefined) {
    return { status: 403, text: 'The demo bank does not answer web pages: requests from a browser are refused.' };
  }
  const host = parseHost(single(headers.host));
  const names = [...LOOPBACK_NAMES, ...(o.hostNames ?? []).map((n) => n.toLowerCase())];
  if (!host || host.port !== o.port || !names.includes(host.name)) {
    return { status: 421, text: `The demo bank answers only as ${names.map((n) => `${n}:${o.port}`).join(', ')}.` };
  }
  const type = mediaType(single(headers['content-type']));
  if (type === null || !XML_TYPES.includes(type)) {
    return { status: 415, text: 'EBICS messages are sent as text/xml or application/xml.' };
  }
  return null;
}
