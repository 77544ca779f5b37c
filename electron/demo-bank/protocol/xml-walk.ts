/**
 * Walking a parsed document in the order its schema prescribes. A missing,
 * misplaced or malformed element is a Refusal with the code the caller
 * names: 061002 for the protocol envelope, 090004 for order data.
 */
import type { Element } from '@xmldom/xmldom';
import { childElements } from '../xml/read';
import { Refusal, type ReturnCode } from './codes';

export function invalid(detail: string, code: ReturnCode = '061002'): Refusal {
  return new Refusal(code, detail);
}

/** Children in schema order: take what is expected, refuse what is out of place. */
export class Sequence {
  private readonly items: Element[];
  private index = 0;

  constructor(
    parent: Element,
    private readonly ns: string,
    private readonly code: ReturnCode = '061002',
  ) {
    this.items = childElements(parent);
  }

  private peek(name: string, ns: string): Element | undefined {
    const el = this.items[this.index];
    return el && el.localName === name && el.namespaceURI === ns ? el : undefined;
  }

  optional(name: string, ns: string = this.ns): Element | undefined {
    const el = this.peek(name, ns);
    if (el) this.index++;
    return el;
  }

  required(name: string, ns: string = this.ns): Element {
    const el = this.optional(name, ns);
    if (!el) {
      const found = this.items[this.index];
      throw invalid(`expected ${name}${found ? `, found ${found.localName}` : ''}`, this.code);
    }
    return el;
  }

  /** Whatever comes next (for substitution groups such as OrderParams). */
  next(): Element | undefined {
    const el = this.items[this.index];
    if (el) this.index++;
    return el;
  }

  /** The elements of other namespaces that come next (`xs:any namespace="##other"`), taken. */
  others(): Element[] {
    const taken: Element[] = [];
    for (let el = this.items[this.index]; el !== undefined && el.namespaceURI !== this.ns; el = this.items[this.index]) {
      taken.push(el);
      this.index++;
    }
    return taken;
  }

  /** The rest may only be elements of other namespaces (`xs:any ##other`), or nothing. */
  end(allowOther = true): void {
    for (const el of this.items.slice(this.index)) {
      if (!allowOther || el.namespaceURI === this.ns) throw invalid(`unexpected element ${el.localName}`, this.code);
    }
    this.index = this.items.length;
  }
}

export function text(el: Element): string {
  return (el.textContent ?? '').trim();
}

export function token(el: Element, pattern: RegExp, what: string, code: ReturnCode = '061002'): string {
  const t = text(el);
  if (!pattern.test(t)) throw invalid(`${what} is malformed`, code);
  return t;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** base64Binary with whitespace removed as bytes; refuses anything else. */
export function base64Of(el: Element, what: string, code: ReturnCode = '061002'): Buffer {
  const compact = base64TextOf(el, what, code);
  if (compact.length % 4 !== 0) throw invalid(`${what} is not base64`, code);
  return Buffer.from(compact, 'base64');
}

/** base64 text with whitespace removed (segments may end anywhere a client cut them). */
export function base64TextOf(el: Element, what: string, code: ReturnCode = '061002'): string {
  const compact = (el.textContent ?? '').replace(/\s+/g, '');
  if (!BASE64.test(compact)) throw invalid(`${what} is not base64`, code);
  return compact;
}
