/**
 * The small element tree the camt parser builds for one header element or
 * one `Ntry` at a time, and the helpers that read it by local name (so
 * misplaced elements, as real bank output has them, are still found).
 */

/** One element of a header or entry tree. */
export class XNode {
  text = '';
  children: XNode[] | null = null;
  constructor(
    readonly name: string,
    readonly attrs: string[] | null,
    readonly parent: XNode | null,
  ) {}
}

/** The first child of that name. */
export function c(n: XNode | undefined, name: string): XNode | undefined {
  const kids = n?.children;
  if (!kids) return undefined;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i] as XNode;
    if (k.name === name) return k;
  }
  return undefined;
}

/** Every child of that name. */
export function all(n: XNode | undefined, name: string): XNode[] {
  const kids = n?.children;
  if (!kids) return [];
  return kids.filter((k) => k.name === name);
}

/** Down a path of first children. */
export function p(n: XNode | undefined, ...names: string[]): XNode | undefined {
  let cur = n;
  for (const name of names) {
    cur = c(cur, name);
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** Trimmed text; undefined when empty or absent. */
export function t(n: XNode | undefined): string | undefined {
  if (n === undefined) return undefined;
  const s = n.text;
  if (s === '') return undefined;
  const trimmed = s.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Trimmed text of the first child of that name. */
export function ct(n: XNode | undefined, name: string): string | undefined {
  return t(c(n, name));
}

export function attr(n: XNode | undefined, name: string): string | undefined {
  const a = n?.attrs;
  if (!a) return undefined;
  for (let i = 0; i < a.length; i += 2) {
    const q = a[i] as string;
    if (q === name || (q.endsWith(`:${name}`) && !q.startsWith('xmlns'))) return (a[i + 1] as string).trim();
  }
  return undefined;
}
