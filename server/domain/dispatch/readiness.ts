/**
 * The six DISPATCH readiness requirements (charter-ietf-dispatch-03), checked
 * against an issue's intake fields. The charter states them in prose; the
 * checks below are our mechanical reading of them, chosen to be predictable
 * for submitters and cheap to explain:
 *
 * 1. problem-statement: the problem statement has at least
 *    PROBLEM_STATEMENT_MIN_WORDS words (problem and motivation) AND the desired
 *    outcome is filled in (the deliverables).
 * 2. overlap: overlap notes are written, OR a related RFC or a WG/RG-adopted
 *    draft (`draft-ietf-*`, `draft-irtf-*`) is listed. An individual draft does
 *    not count: that is usually the proposal's own draft (requirement 5), so
 *    listing it says nothing about other work.
 * 3. interested-people: at least one name (entries split on commas,
 *    semicolons and newlines).
 * 4. implementers: at least one name, same splitting.
 * 5. internet-draft: at least one `draft-...` name among the related documents.
 * 6. slides: the slides URL is an http(s) URL with a host.
 *
 * Placeholders such as "n/a", "none", "tbd", "-" or "?" count as empty
 * everywhere. A hint says what is missing when an item is not met and is
 * empty when it is met.
 */

export interface ReadinessInput {
  title: string;
  problemStatement: string;
  desiredOutcome: string;
  overlapNotes: string;
  /** "draft-..." or "rfcNNNN" names. */
  relatedDocuments: string[];
  interestedPeople: string;
  implementers: string;
  slidesUrl: string;
}

export const READINESS_ITEM_IDS = [
  "problem-statement",
  "overlap",
  "interested-people",
  "implementers",
  "internet-draft",
  "slides",
] as const;
export type ReadinessItemId = (typeof READINESS_ITEM_IDS)[number];

export const READINESS_LABELS: Readonly<Record<ReadinessItemId, string>> = {
  "problem-statement": "Clear problem statement, motivation and deliverables",
  overlap: "Overlap with published or ongoing work identified",
  "interested-people": "People with interest and expertise",
  implementers: "People who will implement and deploy",
  "internet-draft": "One or more Internet-Drafts",
  slides: "A slide deck",
};

export const PROBLEM_STATEMENT_MIN_WORDS = 40;

export interface ReadinessItem {
  id: ReadinessItemId;
  label: string;
  met: boolean;
  /** What is missing, in plain words; empty when met. */
  hint: string;
}

export interface Readiness {
  /** Requirements met, 0..6. */
  score: number;
  /** Always 6. */
  total: number;
  /** score / total, 0..1. */
  fraction: number;
  /** True when all six are met. */
  ready: boolean;
  items: ReadinessItem[];
}

const PLACEHOLDERS = new Set([
  "n/a",
  "na",
  "none",
  "tbd",
  "tba",
  "todo",
  "-",
  "--",
  "?",
  "unknown",
]);

function meaningful(text: string): string {
  const t = text.trim();
  return PLACEHOLDERS.has(t.toLowerCase()) ? "" : t;
}

/** Words with at least one letter or digit. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Names in a free-text people field, split on commas, semicolons and newlines. */
export function splitPeople(text: string): string[] {
  return text
    .split(/[,;\n\r]+/)
    .map((s) => meaningful(s))
    .filter((s) => s !== "" && /[\p{L}]/u.test(s));
}

const DRAFT = /^draft-[a-z0-9]+(-[a-z0-9]+)+$/;
const RFC = /^rfc ?\d{1,5}$/;

function docs(relatedDocuments: readonly string[]): string[] {
  return relatedDocuments.map((d) => d.trim().toLowerCase()).filter((d) => d !== "");
}

export function isHttpUrl(text: string): boolean {
  const t = text.trim();
  if (!/^https?:\/\//i.test(t)) return false;
  try {
    const url = new URL(t);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

type Check = (input: ReadinessInput) => string; // "" when met, else the hint

const CHECKS: Record<ReadinessItemId, Check> = {
  "problem-statement": (i) => {
    const words = countWords(meaningful(i.problemStatement));
    const missing: string[] = [];
    if (words < PROBLEM_STATEMENT_MIN_WORDS) {
      missing.push(
        words === 0
          ? `Describe the problem and why it matters (at least ${PROBLEM_STATEMENT_MIN_WORDS} words).`
          : `The problem statement has ${words} word${words === 1 ? "" : "s"}; describe the problem and why it matters in at least ${PROBLEM_STATEMENT_MIN_WORDS} words.`,
      );
    }
    if (meaningful(i.desiredOutcome) === "") {
      missing.push("Say what you want to come out of this: the deliverables you expect.");
    }
    return missing.join(" ");
  },
  overlap: (i) => {
    if (meaningful(i.overlapNotes) !== "") return "";
    const related = docs(i.relatedDocuments);
    if (related.some((d) => RFC.test(d) || /^draft-(ietf|irtf)-/.test(d))) return "";
    return "Name the published RFCs or working-group drafts this overlaps with, or explain in the overlap notes how it differs from existing work.";
  },
  "interested-people": (i) =>
    splitPeople(i.interestedPeople).length > 0
      ? ""
      : "List at least one person with interest and expertise who will work on this.",
  implementers: (i) =>
    splitPeople(i.implementers).length > 0
      ? ""
      : "List at least one person or organisation that will implement and deploy the solution.",
  "internet-draft": (i) =>
    docs(i.relatedDocuments).some((d) => DRAFT.test(d))
      ? ""
      : "Link at least one Internet-Draft (a name starting with draft-) describing the proposal.",
  slides: (i) => {
    const url = i.slidesUrl.trim();
    if (isHttpUrl(url)) return "";
    return url === ""
      ? "Add a link to your slide deck."
      : "The slides link must be a web address starting with http:// or https://.";
  },
};

export function assessReadiness(input: ReadinessInput): Readiness {
  const items = READINESS_ITEM_IDS.map((id): ReadinessItem => {
    const hint = CHECKS[id](input);
    return { id, label: READINESS_LABELS[id], met: hint === "", hint };
  });
  const score = items.filter((i) => i.met).length;
  const total = items.length;
  return { score, total, fraction: score / total, ready: score === total, items };
}
