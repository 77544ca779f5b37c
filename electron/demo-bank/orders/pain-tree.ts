/**
 * A payment file as a small tree of plain objects, read with the statement
 * parser's streaming tokenizer (electron/statements/xml.ts): no DTD at all,
 * limits on size, depth and text, namespaces resolved. xmldom's DOM took
 * about 3 GB and 20 s for a 50 MB pain.001; these nodes hold only what the
 * bank reads: names, namespace, attributes, text.
 */
import { KontorError } from '../../../shared/errors';
import { XmlTokenizer, type XmlSink } from '../../statements/xml';

export interface PainNode {
  local: string;
  ns: string;
  /** `[qname, value, …]` as written, or null. */
  attrs: string[] | null;
  children: PainNode[];
  text: string;
}

export function attribute(node: PainNode, name: string): string | null {
  const a = node.attrs;
  if (!a) return null;
  for (let i = 0; i < a.length; i += 2) if (a[i] === name) return a[i + 1]!;
  return null;
}

class TreeBuilder implements XmlSink {
  root: PainNode | null = null;
  private readonly stack: PainNode[] = [];
  /** In-scope namespace bindings, innermost last: prefix ('' = default) → URI. */
  private readonly scopes: (Map<string, string> | null)[] = [];

  private resolve(prefix: string): string {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const uri = this.scopes[i]?.get(prefix);
      if (uri !== undefined) return uri;
    }
    if (prefix !== '') throw new KontorError('statement.malformed', `The namespace prefix "${prefix}" is not declared.`, { prefix });
    return '';
  }

  open(local: string, attrs: string[] | null, _start: number, qname: string): void {
    let scope: Map<string, string> | null = null;
    if (attrs) {
      for (let i = 0; i < attrs.length; i += 2) {
        const name = attrs[i]!;
        if (name === 'xmlns') (scope ??= new Map()).set('', attrs[i + 1]!);
        else if (name.startsWith('xmlns:')) (scope ??= new Map()).set(name.slice(6), attrs[i + 1]!);
      }
    }
    this.scopes.push(scope);
    const colon = qname.indexOf(':');
    const node: PainNode = { local, ns: this.resolve(colon < 0 ? '' : qname.slice(0, colon)), attrs, children: [], text: '' };
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.children.push(node);
    else this.root = node;
    this.stack.push(node);
  }

  close(): void {
    this.stack.pop();
    this.scopes.pop();
  }

  text(text: string): void {
    const top = this.stack[this.stack.length - 1];
    if (top) top.text += text;
  }
}

/** The document element, or a KontorError (`statement.*` codes) saying what is wrong with the XML. */
export function readPainTree(data: Uint8Array, maxBytes: number): { root: PainNode; encoding: string } {
  if (data.length > maxBytes) throw new KontorError('statement.tooLarge', 'The file is larger than allowed.', { size: data.length, limit: maxBytes });
  const builder = new TreeBuilder();
  const bom = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? 3 : 0;
  const tokenizer = new XmlTokenizer(builder, { maxBytes, maxDepth: 40, maxTextLength: 64 * 1024 }, bom);
  tokenizer.feed(data.subarray(bom));
  tokenizer.finish();
  if (!builder.root) throw new KontorError('statement.malformed', 'The file has no root element.');
  return { root: builder.root, encoding: tokenizer.encoding };
}
