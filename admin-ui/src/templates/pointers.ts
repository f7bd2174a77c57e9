/**
 * From a JSON pointer (the server's `/serviceNumbers/3/maxAmount`) to the place in the JSON text
 * that holds it — jsonc-parser's syntax tree keeps every value's offset — so an error is marked
 * at its line in the editor.
 */
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';

function segments(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The range of the deepest value on the pointer's path that exists in `text` (the root when none). */
export function rangeOf(text: string, pointer: string): { from: number; to: number } | null {
  const root = parseTree(text);
  if (!root) return null;
  const path = segments(pointer).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  let node: Node | undefined;
  for (let n = path.length; n >= 0 && !node; n--) node = findNodeAtLocation(root, path.slice(0, n));
  node ??= root;
  // A whole object would underline many lines: mark the start of it, up to the end of its line.
  const lineEnd = text.indexOf('\n', node.offset);
  const end = node.offset + node.length;
  return { from: node.offset, to: lineEnd === -1 ? end : Math.min(end, lineEnd) };
}

/** The 1-based line number of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
