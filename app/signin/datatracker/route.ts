/**
 * Auth.js sends errors of the Datatracker sign-in flow here (see
 * server/auth/index.ts). Forward to the sign-in page, saying which provider
 * failed so it can explain the error in those terms.
 */
export function GET(req: Request) {
  const raw = new URL(req.url).searchParams.get("error") ?? "";
  // Only a plain error code goes on; anything else becomes a generic failure.
  const error = /^[A-Za-z]{1,40}$/.test(raw) ? raw : "Default";
  const query = new URLSearchParams({ error, provider: "datatracker" });
  return new Response(null, { status: 303, headers: { Location: `/signin?${query}` } });
}
