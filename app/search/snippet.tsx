import { snippetParts } from "~/server/domain/search/query";

/**
 * A highlighted snippet: matched words in `<mark>`, everything as text. The
 * snippet comes from stored text, so it is never rendered as HTML.
 */
export function Snippet({ text }: { text: string }) {
  return (
    <>
      {snippetParts(text).map((p, i) =>
        p.match ? (
          <mark key={i} className="rounded bg-amber-100 px-0.5 text-inherit">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}
