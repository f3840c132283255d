export {
  DEFAULT_TUNING,
  createRoutingEngine,
  type Candidate,
  type CandidateKind,
  type CharterItemResult,
  type KnownDocument,
  type RouteOptions,
  type RoutingEngine,
  type RoutingEngineOptions,
  type RoutingQuery,
  type RoutingResult,
  type RoutingTuning,
} from "./engine";
export {
  OUTCOME_IDS,
  OUTCOME_LABELS,
  VENUE_MAX_FIT,
  VENUE_MIN_FIT,
  VENUE_MIN_CLOSENESS,
  groupIsUnclear,
  isOutcomeId,
  recommendationKindOf,
  scoreOutcomes,
  scoreVenue,
  type OutcomeId,
} from "./outcomes";
export {
  parseCorpusLine,
  parseQueryLine,
  toErrorLine,
  toOutputLine,
  type LineResult,
  type QueryLine,
  type RouteOutputLine,
} from "./query-line";
export {
  assignFolds,
  fnv1a,
  linkRelatedDocuments,
  type LinkableDocument,
} from "./cross-validation";
export {
  crossValidate,
  profileOnly,
  summarize,
  type CrossValidationOptions,
  type EvaluatedDocument,
  type EvaluationSummary,
} from "./evaluation";
