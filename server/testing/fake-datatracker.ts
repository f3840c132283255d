/**
 * A fake IETF Datatracker for tests and benchmarks: a small HTTP server on
 * loopback serving the Tastypie API's shapes (`{meta, objects}` pages, resource
 * URIs, `time__gte` / `__in` filters, `order_by=time`) from data the caller
 * owns and may change between runs. It can fail on request: an HTTP error or a
 * hang on the n-th request to a path, or a page that is not JSON.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type ApiObject = Record<string, unknown>;

export interface FakeData {
  groups: ApiObject[];
  roles: ApiObject[];
  documents: ApiObject[];
  states: ApiObject[];
  relations: ApiObject[];
}

export interface Failure {
  /** Path the failure applies to, e.g. `/api/v1/doc/document/`. */
  path: string;
  /** The 1-based request to that path (counted from when the failure was set) that fails first. */
  request: number;
  /** How many requests in a row fail from there (default 1). */
  times?: number;
  kind: "status" | "hang" | "not-json";
  /** For `status` (default 500). */
  status?: number;
}

export interface FakeDatatracker {
  base: string;
  data: FakeData;
  /** Every request served or failed, as path + query. */
  requests: string[];
  fail: (f: Failure) => void;
  clearFailures: () => void;
  close: () => Promise<void>;
}

const LISTS: Record<string, keyof FakeData> = {
  "/api/v1/group/group/": "groups",
  "/api/v1/group/role/": "roles",
  "/api/v1/doc/document/": "documents",
  "/api/v1/doc/state/": "states",
  "/api/v1/doc/relateddocument/": "relations",
};

/** Datatracker times carry no zone and are UTC. */
const utc = (t: unknown): number => {
  const s = String(t);
  return Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? s : `${s}Z`);
};

const lastSegment = (uri: unknown): string =>
  typeof uri === "string" ? (uri.replace(/\/$/, "").split("/").pop() ?? "") : "";

/** The value a filter compares: a resource URI's key, or the field itself. */
function fieldValue(o: ApiObject, field: string, data: FakeData): string {
  if (field === "group__type") {
    const group = data.groups.find((g) => g.resource_uri === o.group);
    return group ? lastSegment(group.type) : "";
  }
  if (field === "source__name") return lastSegment(o.source);
  if (field === "id") return String(o.id ?? lastSegment(o.resource_uri));
  const v = o[field];
  return typeof v === "string" && v.startsWith("/api/v1/") ? lastSegment(v) : String(v ?? "");
}

function filterList(list: ApiObject[], query: URLSearchParams, data: FakeData): ApiObject[] {
  let out = list;
  for (const [key, value] of query) {
    if (["limit", "offset", "order_by", "format"].includes(key)) continue;
    if (key === "time__gte") {
      const since = utc(value);
      out = out.filter((o) => utc(o.time) >= since);
    } else if (key.endsWith("__in")) {
      const allowed = new Set(value.split(","));
      const field = key.slice(0, -4);
      out = out.filter((o) => allowed.has(fieldValue(o, field, data)));
    } else {
      out = out.filter((o) => fieldValue(o, key, data) === value);
    }
  }
  if (query.get("order_by") === "time") {
    out = [...out].sort(
      (a, b) =>
        utc(a.time) - utc(b.time) || String(a.resource_uri).localeCompare(String(b.resource_uri)),
    );
  }
  return out;
}

export async function startFakeDatatracker(
  initial: FakeData,
  opts: { port?: number } = {},
): Promise<FakeDatatracker> {
  const data = initial;
  const requests: string[] = [];
  let failures: (Failure & { seen: number })[] = [];
  const hanging = new Set<ServerResponse>();

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://fake");
    requests.push(`${url.pathname}${url.search}`);
    for (const f of failures) {
      if (f.path !== url.pathname) continue;
      f.seen++;
      const times = f.times ?? 1;
      if (f.seen < f.request || f.seen >= f.request + times) continue;
      if (f.kind === "hang") {
        hanging.add(res);
        return;
      }
      if (f.kind === "not-json") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"meta": {"limit": 20, "offset": 0}, "objects": [');
        return;
      }
      res.writeHead(f.status ?? 500, { "content-type": "text/plain" });
      res.end("Internal Server Error");
      return;
    }
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const listName = LISTS[url.pathname];
    if (listName) {
      const all = filterList(data[listName], url.searchParams, data);
      const limit = Math.max(0, Number(url.searchParams.get("limit") ?? 20));
      const offset = Math.max(0, Number(url.searchParams.get("offset") ?? 0));
      const objects = limit === 0 ? all.slice(offset) : all.slice(offset, offset + limit);
      const page = (o: number) => {
        const q = new URLSearchParams(url.searchParams);
        q.set("offset", String(o));
        return `${url.pathname}?${q.toString()}`;
      };
      return send(200, {
        meta: {
          limit,
          offset,
          total_count: all.length,
          next: limit > 0 && offset + limit < all.length ? page(offset + limit) : null,
          previous: offset > 0 ? page(Math.max(0, offset - limit)) : null,
        },
        objects,
      });
    }
    const one =
      /^(\/api\/v1\/(?:group\/group|doc\/document|doc\/state|group\/role)\/)([^/]+)\/$/.exec(
        url.pathname,
      );
    if (one) {
      const found = data[LISTS[one[1]!]!].find((o) => o.resource_uri === url.pathname);
      return found ? send(200, found) : send(404, { error: "not found" });
    }
    send(404, { error: "not found" });
  };

  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    data,
    requests,
    fail: (f) => failures.push({ ...f, seen: 0 }),
    clearFailures: () => {
      failures = [];
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
