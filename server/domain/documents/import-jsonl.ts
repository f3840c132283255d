/** The JSON Lines import format: one document object per line (import-parse.ts). */
import { groupFromDraftName, parseDocumentRef } from "./names";
import type { Collector, Where } from "./import-records";
import {
  isPlainObject,
  syntaxProblem,
  tryParse,
  type Field,
  good,
  bad,
  describe,
  textField,
  optionalTextField,
  acronym,
} from "./import-fields";

export function parseJsonLines(text: string, c: Collector): void {
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const where: Where = { line: i + 1, index: null, name: null };
    if (raw.trim() === "") return;
    const p = tryParse(raw);
    if (!p.ok) return c.error(where, syntaxProblem(p.error));
    if (!isPlainObject(p.value))
      return c.error(where, `expected a JSON object, got ${describe(p.value)}`);
    const o = p.value;

    if (typeof o.id !== "string") {
      return c.error(
        where,
        o.id === undefined ? `"id" is missing` : `"id" must be a string, got ${describe(o.id)}`,
      );
    }
    const ref = parseDocumentRef(o.id);
    if (!ref.ok) return c.error(where, `"id": ${ref.error.message}`);
    where.name = ref.value.name;

    const title = textField("title", o.title);
    const abstract = optionalTextField("abstract", o.abstract);
    let group: Field<string | null> = good(
      ref.value.kind === "draft" ? groupFromDraftName(ref.value.name) : null,
    );
    if (o.wg !== undefined && o.wg !== null) {
      group =
        typeof o.wg === "string"
          ? acronym("wg", o.wg)
          : bad(`"wg" must be a string or null, got ${describe(o.wg)}`);
    }
    if (!title.ok || !abstract.ok || !group.ok) {
      for (const f of [title, abstract, group]) if (!f.ok) c.error(where, f.problem);
      return;
    }
    c.claim(where, ref.value.name);
    c.records.push({
      name: ref.value.name,
      rev: ref.value.rev,
      title: title.value,
      abstract: abstract.value,
      group: group.value,
      stream: null,
      intendedStdLevel: null,
      states: {},
      tags: [],
      ad: null,
      shepherd: null,
      time: null,
    });
  });
  if (c.records.length === 0 && c.errorCount === 0) {
    c.error({ line: null, index: null, name: null }, "the file has no records");
  }
}
