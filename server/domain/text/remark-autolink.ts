/**
 * A remark plugin that links the references in Markdown text (see references.ts).
 * Text inside links, code and raw HTML is left alone.
 */
import { linkSegments, resolvedContext, type ReferenceContext } from "./references";

interface MdNode {
  type: string;
  value?: string;
  url?: string;
  children?: MdNode[];
}

const SKIP = new Set(["link", "linkReference", "inlineCode", "code", "html", "definition"]);

function transform(node: MdNode, ctx: ReturnType<typeof resolvedContext>): void {
  const children = node.children;
  if (!children) return;
  const next: MdNode[] = [];
  for (const child of children) {
    if (child.type === "text" && typeof child.value === "string") {
      for (const s of linkSegments(child.value, ctx)) {
        next.push(
          s.href === undefined
            ? { type: "text", value: s.text }
            : { type: "link", url: s.href, children: [{ type: "text", value: s.text }] },
        );
      }
    } else {
      if (!SKIP.has(child.type)) transform(child, ctx);
      next.push(child);
    }
  }
  node.children = next;
}

/** `remarkPlugins={[[remarkAutolink, refs]]}` */
export function remarkAutolink(refs: ReferenceContext) {
  const ctx = resolvedContext(refs);
  return (tree: MdNode) => transform(tree, ctx);
}
