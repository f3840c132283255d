/** What a parse of a Datatracker document export returns, and the collector that builds it. */
import { type TrackedStateType } from "./machine";

export const IMPORT_MAX_ERRORS = 20;

export type ImportFormat = "datatracker-api" | "jsonl";

export interface ImportedDocument {
  name: string;
  rev: string | null;
  title: string;
  abstract: string;
  group: string | null;
  stream: string | null;
  intendedStdLevel: string | null;
  states: Partial<Record<TrackedStateType, string>>;
  tags: string[];
  ad: string | null;
  shepherd: string | null;
  time: string | null;
}

export interface ImportIssue {
  /** 1-based line of a JSON Lines file, or of an API file that is not valid JSON. */
  line: number | null;
  /** 1-based position in the API `objects` list. */
  index: number | null;
  name: string | null;
  /** The problem alone, e.g. `"rev" must be two digits`. */
  problem: string;
  /** Location and problem, e.g. `object 3 (draft-foo): "rev" must be two digits`. */
  message: string;
}

/** A well-formed record that is not imported; `problem` is the reason. */
export type ImportSkip = ImportIssue;

export type ImportParseResult =
  | {
      ok: true;
      format: ImportFormat;
      records: ImportedDocument[];
      skipped: ImportSkip[];
      warnings: ImportIssue[];
    }
  | {
      ok: false;
      format: ImportFormat | null;
      /** At most `maxErrors` entries. */
      errors: ImportIssue[];
      /** All errors found, including those left out of `errors`. */
      errorCount: number;
      truncated: boolean;
    };

export interface ImportParseOptions {
  /** Cap on returned errors (default {@link IMPORT_MAX_ERRORS}). */
  maxErrors?: number;
  /** Group acronyms by Datatracker group pk, to resolve `/api/v1/group/group/<pk>/`. */
  groupAcronymsByPk?: Readonly<Record<number, string>>;
}

export interface Where {
  line: number | null;
  index: number | null;
  name: string | null;
}

export function issue(where: Where, problem: string): ImportIssue {
  const place =
    where.index !== null
      ? `object ${where.index}${where.name ? ` (${where.name})` : ""}`
      : where.line !== null
        ? `line ${where.line}${where.name ? ` (${where.name})` : ""}`
        : "file";
  return { ...where, problem, message: `${place}: ${problem}` };
}

export class Collector {
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];
  readonly skipped: ImportSkip[] = [];
  readonly records: ImportedDocument[] = [];
  errorCount = 0;
  private readonly seen = new Map<string, string>();

  constructor(readonly maxErrors: number) {}

  error(where: Where, problem: string): void {
    this.errorCount += 1;
    if (this.errors.length < this.maxErrors) this.errors.push(issue(where, problem));
  }

  /** Records a name; reports a duplicate as an error. */
  claim(where: Where, name: string): void {
    const place = where.index !== null ? `object ${where.index}` : `line ${where.line}`;
    const first = this.seen.get(name);
    if (first !== undefined) this.error(where, `duplicate of ${first}`);
    else this.seen.set(name, place);
  }

  result(format: ImportFormat | null): ImportParseResult {
    if (this.errorCount > 0 || format === null) {
      return {
        ok: false,
        format,
        errors: this.errors,
        errorCount: this.errorCount,
        truncated: this.errorCount > this.errors.length,
      };
    }
    return {
      ok: true,
      format,
      records: this.records,
      skipped: this.skipped,
      warnings: this.warnings,
    };
  }
}
