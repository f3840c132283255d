/**
 * The routing engine's public types and default tuning.
 */
import type { CharterItem, CharterItemId, GroupProfile } from "~/server/domain/catalog";

export interface KnownDocument {
  /** Document name, e.g. `draft-ietf-suit-manifest`, `rfc9019`, or an issue id. */
  name: string;
  title: string;
  abstract?: string;
  /** Lowercase group acronym (or a dispatch outcome id such as `bof`). */
  group: string;
  source?: "document" | "decision" | "corpus";
  /** Charter item label, when known; improves charter item classification. */
  charterItem?: CharterItemId | "other";
}

export interface RoutingQuery {
  title: string;
  text?: string;
}

/**
 * `wg`/`rg`: a group that can take the work; `outcome`: a non-group dispatch
 * outcome (BoF, AD sponsorship, IRTF, no IETF work); `venue`: a dispatch venue
 * to bring the work to first, because the receiving group is unclear.
 */
export type CandidateKind = "wg" | "rg" | "outcome" | "venue";

export interface Candidate {
  /** Lowercase group acronym (also for venues) or outcome id (`bof`, `ad-sponsored`, `irtf`, `no-ietf-work`). */
  wg: string;
  kind: CandidateKind;
  /** 0..1, higher is a better fit. */
  score: number;
  reasons: string[];
  /**
   * For outcomes and venues: the suggestion in words, e.g. "No active group covers
   * X; closest are A and B: consider a BoF or a new WG". Also `reasons[0]`.
   */
  summary?: string;
  /** Names of the most similar known documents of this group, best first. */
  similarDocuments: string[];
}

export interface CharterItemResult {
  id: CharterItemId | "other";
  score: number;
  reasons: string[];
}

export interface RoutingResult {
  charterItem: CharterItemResult;
  /** Best first. The top `limit` entries plus any outcome not among them. */
  candidates: Candidate[];
}

export interface RouteOptions {
  /** Number of top entries (groups and outcomes mixed); default 8, minimum 5. */
  limit?: number;
}

export interface RoutingEngine {
  route(query: RoutingQuery, opts?: RouteOptions): RoutingResult;
  addDocument(doc: KnownDocument): void;
  /** Number of known documents (profiles not counted). */
  size(): number;
}

/** Weights of the scoring model. Exposed for evaluation experiments only. */
export interface RoutingTuning {
  centroid: number;
  nearest: number;
  profile: number;
  mention: number;
  /** Weight of a group's profile inside its centroid (documents weigh 1 each). */
  profileInCentroid: number;
  /** Squash temperature: score = 1 - exp(-raw / tau). */
  tau: number;
  /** Title features count this many times the abstract's. */
  titleScale: number;
  charterLexical: number;
  charterGroups: number;
  charterVotes: number;
  /** Best charter item below this combined evidence -> `other`. */
  charterThreshold: number;
}

export const DEFAULT_TUNING: RoutingTuning = {
  centroid: 0.6,
  nearest: 0.25,
  profile: 0.3,
  mention: 0.1,
  profileInCentroid: 2,
  tau: 0.25,
  titleScale: 2,
  charterLexical: 1,
  charterGroups: 0.5,
  charterVotes: 1,
  charterThreshold: 0.2,
};

export interface RoutingEngineOptions {
  groups: readonly GroupProfile[];
  charterItems: readonly CharterItem[];
  documents?: readonly KnownDocument[];
  tuning?: Partial<RoutingTuning>;
}
