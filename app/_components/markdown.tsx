import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { showBidiControls } from "~/server/domain/validation/text";
import { NO_REFERENCES, type ReferenceContext } from "~/server/domain/text/references";
import { remarkAutolink } from "~/server/domain/text/remark-autolink";

/**
 * Markdown from contributors, rendered safely: raw HTML is not rendered (it shows
 * as text), and link and image URLs with unsafe schemes such as javascript: are
 * dropped by react-markdown's default URL filter. Images are shown as links only.
 * Bidi override and isolate controls are shown as visible markers, so they
 * cannot reorder the text around them.
 *
 * RFC numbers, draft names, `#N` issue numbers and group acronyms are linked
 * using `refs`, which the server resolved for the reader: an issue the reader may
 * not see stays plain text, an untracked RFC or draft links to the Datatracker.
 */
export function Markdown({
  children,
  refs = NO_REFERENCES,
}: {
  children: string;
  refs?: ReferenceContext;
}) {
  return (
    <div className="prose-md text-sm leading-relaxed text-slate-800">
      <ReactMarkdown
        remarkPlugins={[remarkGfm, [remarkAutolink, refs]]}
        skipHtml
        components={{
          img: ({ src, alt }) =>
            typeof src === "string" ? (
              <a href={src} rel="nofollow noreferrer">
                {alt || src}
              </a>
            ) : null,
          a: ({ href, children: c }) => (
            <a href={href} rel="nofollow noreferrer">
              {c}
            </a>
          ),
        }}
      >
        {showBidiControls(children)}
      </ReactMarkdown>
    </div>
  );
}
