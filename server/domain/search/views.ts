/** The pages whose filters can be saved as a view. */
export const VIEW_PAGES = ["issues", "triage"] as const;
export type ViewPage = (typeof VIEW_PAGES)[number];

/** A person keeps at most this many views per page. */
export const MAX_VIEWS_PER_PAGE = 30;
