import { databaseOutage, UNAVAILABLE_MESSAGE } from "./availability";

/**
 * The answer to a page request while this process knows the database to be out
 * of reach: 503 with Retry-After and a short accessible page, or null to serve
 * the request as usual. Used by proxy.ts.
 */
export function unavailablePage(): Response | null {
  if (!databaseOutage()) return null;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="10"><title>Temporarily unavailable — IOTOPS dispatch</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
<main><h1>Temporarily unavailable</h1>
<p role="alert">${UNAVAILABLE_MESSAGE}</p>
<p>The report form's autosaved draft is kept and comes back when you open the form again. This page reloads by itself every 10 seconds.</p>
</main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "retry-after": "10",
      "cache-control": "no-store",
    },
  });
}
