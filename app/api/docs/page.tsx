import type { Metadata } from "next";
import { API_BASE, openApiDocument } from "~/server/api/rest/openapi";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API reference" };

type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  default?: unknown;
  description?: string;
};
type Parameter = {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
  description?: string;
};
type Response = { description: string; content?: Record<string, { schema?: Schema }> };

const refName = (ref: string) => ref.split("/").at(-1) ?? ref;

/** A one-line description of a schema's type, linking named schemas. */
function TypeOf({ s }: { s: Schema | undefined }) {
  if (!s) return <>any</>;
  if (s.$ref) return <a href={`#schema-${refName(s.$ref)}`}>{refName(s.$ref)}</a>;
  const alts = s.anyOf ?? s.oneOf;
  if (alts)
    return (
      <>
        {alts.map((a, i) => (
          <span key={i}>
            {i > 0 && " or "}
            <TypeOf s={a} />
          </span>
        ))}
      </>
    );
  if (s.const !== undefined) return <code>{JSON.stringify(s.const)}</code>;
  if (s.enum) return <>one of {s.enum.map((v) => JSON.stringify(v)).join(", ")}</>;
  if (s.type === "array")
    return (
      <>
        list of <TypeOf s={s.items} />
      </>
    );
  if (s.type === "object" && !s.properties) {
    const v = typeof s.additionalProperties === "object" ? s.additionalProperties : undefined;
    return (
      <>
        map of text to <TypeOf s={v} />
      </>
    );
  }
  const type = Array.isArray(s.type) ? s.type.join(" or ") : (s.type ?? "any");
  return <>{s.format ? `${type} (${s.format})` : type}</>;
}

function constraints(s: Schema | undefined): string {
  if (!s) return "";
  const c: string[] = [];
  if (s.minimum !== undefined) c.push(`at least ${s.minimum}`);
  if (s.maximum !== undefined) c.push(`at most ${s.maximum}`);
  if (s.maxLength !== undefined) c.push(`up to ${s.maxLength} characters`);
  if (s.maxItems !== undefined) c.push(`up to ${s.maxItems} values, repeat the parameter`);
  if (s.default !== undefined) c.push(`default ${JSON.stringify(s.default)}`);
  return c.join("; ");
}

function Properties({ s, caption }: { s: Schema; caption: string }) {
  const props = Object.entries(s.properties ?? {});
  if (props.length === 0) return <p>{s.description}</p>;
  return (
    <table className="table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Type</th>
          <th scope="col">Notes</th>
        </tr>
      </thead>
      <tbody>
        {props.map(([name, p]) => (
          <tr key={name}>
            <td>
              <code>{name}</code>
            </td>
            <td>
              <TypeOf s={p} />
            </td>
            <td>
              {[s.required?.includes(name) ? "" : "optional", p.description ?? ""]
                .filter(Boolean)
                .join(". ")}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The API reference, rendered on the server from the OpenAPI document (no scripts of its own). */
export default function ApiDocsPage() {
  const doc = openApiDocument();
  const paths = Object.entries(doc.paths ?? {});
  const schemas = Object.entries((doc.components?.schemas ?? {}) as Record<string, Schema>);
  const tags = (doc.tags ?? []).map((t) => t.name);
  return (
    <div className="space-y-6">
      <h1>API reference</h1>
      <p>{doc.info.description}</p>
      <ul className="list-disc pl-6 text-sm">
        <li>
          Base URL: <code>{API_BASE}</code>. Every operation is a <code>GET</code> answering JSON.
        </li>
        <li>
          The machine-readable description:{" "}
          <a href={`${API_BASE}/openapi.json`}>OpenAPI 3.1 document</a>.
        </li>
        <li>
          Tokens: create one under <a href="/settings">Settings → API tokens</a> and send it as{" "}
          <code>Authorization: Bearer &lt;token&gt;</code>. A revoked or unknown token is refused
          with 401.
        </li>
        <li>
          Rate limits: each answer carries <code>RateLimit</code> and <code>RateLimit-Policy</code>{" "}
          headers; over the limit the answer is 429 with <code>Retry-After</code>.
        </li>
        <li>
          Errors: <code>application/problem+json</code> (RFC 9457) with <code>status</code>,{" "}
          <code>detail</code>, and for a refused input <code>fieldErrors</code>.
        </li>
      </ul>
      <nav aria-label="Operations">
        <ul className="list-disc pl-6 text-sm">
          {paths.map(([path, item]) => (
            <li key={path}>
              <a href={`#${item?.get?.operationId}`}>
                GET {API_BASE}
                {path}
              </a>{" "}
              — {item?.get?.summary}
            </li>
          ))}
        </ul>
      </nav>
      {tags.map((tag) => (
        <section key={tag} aria-labelledby={`tag-${tag}`} className="space-y-4">
          <h2 id={`tag-${tag}`}>{tag}</h2>
          {paths
            .filter(([, item]) => item?.get?.tags?.includes(tag))
            .map(([path, item]) => {
              const op = item!.get!;
              const params = (op.parameters ?? []) as Parameter[];
              const responses = Object.entries((op.responses ?? {}) as Record<string, Response>);
              return (
                <article
                  key={path}
                  id={op.operationId}
                  aria-labelledby={`${op.operationId}-title`}
                  className="card space-y-2"
                >
                  <h3 id={`${op.operationId}-title`}>
                    <code>
                      GET {API_BASE}
                      {path}
                    </code>{" "}
                    — {op.summary}
                  </h3>
                  {op.description && <p>{op.description}</p>}
                  {params.length > 0 && (
                    <table className="table">
                      <caption className="text-left font-medium">Parameters</caption>
                      <thead>
                        <tr>
                          <th scope="col">Name</th>
                          <th scope="col">In</th>
                          <th scope="col">Type</th>
                          <th scope="col">Notes</th>
                        </tr>
                      </thead>
                      <tbody>
                        {params.map((p) => (
                          <tr key={`${p.in}-${p.name}`}>
                            <td>
                              <code>{p.name}</code>
                            </td>
                            <td>{p.in}</td>
                            <td>
                              <TypeOf s={p.schema} />
                            </td>
                            <td>
                              {[p.required ? "required" : "", constraints(p.schema)]
                                .filter(Boolean)
                                .join("; ")}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                  <h4>Responses</h4>
                  <dl className="text-sm">
                    {responses.map(([status, r]) => {
                      const [type, media] = Object.entries(r.content ?? {})[0] ?? [];
                      return (
                        <div key={status} className="flex gap-2">
                          <dt className="font-medium">{status}</dt>
                          <dd>
                            {r.description}
                            {type && (
                              <>
                                {" "}
                                (<code>{type}</code>: <TypeOf s={media?.schema} />)
                              </>
                            )}
                          </dd>
                        </div>
                      );
                    })}
                  </dl>
                </article>
              );
            })}
        </section>
      ))}
      <section aria-labelledby="schemas-title" className="space-y-4">
        <h2 id="schemas-title">Schemas</h2>
        {schemas.map(([name, s]) => (
          <article
            key={name}
            id={`schema-${name}`}
            aria-labelledby={`schema-${name}-title`}
            className="card space-y-2"
          >
            <h3 id={`schema-${name}-title`}>{name}</h3>
            {s.description && <p>{s.description}</p>}
            <Properties s={s} caption={`Fields of ${name}`} />
          </article>
        ))}
      </section>
    </div>
  );
}
