import { nextPosition, type KeysetPosition } from "~/server/domain/datatracker/cursor";
import type {
  ResourceCounts,
  SyncProblem,
  SyncResource,
} from "~/server/domain/datatracker/sync-vocabulary";
import { parseApiTime, parsePage } from "~/server/domain/datatracker/tastypie";
import { apiUrl, getJson, type HttpOptions } from "./http";

/** What a sync step needs to read the API and report. */
export interface Reader {
  base: string;
  http: HttpOptions;
  pageSize: number;
}

/** A page that could not be read (after retries) or is not a Tastypie page: the resource stops here for this run. */
export class PageFailure extends Error {
  constructor(
    readonly url: string,
    message: string,
  ) {
    super(message);
    this.name = "PageFailure";
  }
}

export interface Page {
  url: string;
  objects: unknown[];
  totalCount: number;
}

/** Read one page; throws PageFailure. */
export async function readPage(reader: Reader, url: string): Promise<Page> {
  const r = await getJson(url, reader.http);
  if (!r.ok) throw new PageFailure(url, r.message);
  const page = parsePage(r.body);
  if (!page.ok) throw new PageFailure(url, `malformed page, skipped: ${page.problem}`);
  return { url, objects: page.objects, totalCount: page.meta.totalCount };
}

/**
 * Pages ordered by `time`, read by keyset (see domain/datatracker/cursor.ts).
 * Each page comes with the position after it, to be stored with the page's changes.
 */
export async function* keysetPages(
  reader: Reader,
  path: string,
  query: Record<string, string>,
  start: KeysetPosition,
): AsyncGenerator<Page & { after: KeysetPosition }> {
  let pos = start;
  for (;;) {
    const url = apiUrl(reader.base, path, {
      ...query,
      time__gte: pos.since,
      order_by: "time",
      limit: reader.pageSize,
      offset: pos.offset,
    });
    const page = await readPage(reader, url);
    const times = page.objects
      .map((o) => parseApiTime((o as { time?: unknown } | null)?.time))
      .filter((t): t is string => t !== null);
    const after = nextPosition(pos, times);
    yield { ...page, after };
    if (page.objects.length < reader.pageSize) return;
    if (after.since === pos.since && after.offset === pos.offset) {
      throw new PageFailure(url, "the page has no readable times, so paging cannot go on");
    }
    pos = after;
  }
}

/** Every page of a list, by offset (for lists without `time`: roles, states, relations). */
export async function* offsetPages(
  reader: Reader,
  path: string,
  query: Record<string, string>,
): AsyncGenerator<Page> {
  for (let offset = 0; ;) {
    const url = apiUrl(reader.base, path, { ...query, limit: reader.pageSize, offset });
    const page = await readPage(reader, url);
    yield page;
    offset += page.objects.length;
    if (
      page.objects.length === 0 ||
      page.objects.length < reader.pageSize ||
      offset >= page.totalCount
    )
      return;
  }
}

/** The absolute URL of an object, for reports: its `resource_uri`, or the page it came on. */
export function objectUrl(reader: Reader, page: Page, o: unknown): string {
  const uri = (o as { resource_uri?: unknown } | null)?.resource_uri;
  return typeof uri === "string" && uri.startsWith("/api/") ? apiUrl(reader.base, uri) : page.url;
}

/** Collects a run's counts and problems. */
export class RunLog {
  readonly counts: Partial<Record<SyncResource, ResourceCounts>> = {};
  readonly errors: SyncProblem[] = [];
  constructor(private readonly maxErrors = 200) {}

  of(resource: SyncResource): ResourceCounts {
    return (this.counts[resource] ??= {
      fetched: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      removed: 0,
      skipped: 0,
      pages: 0,
    });
  }

  problem(resource: SyncResource, url: string, message: string): void {
    if (this.errors.length < this.maxErrors) this.errors.push({ resource, url, message });
  }
}
