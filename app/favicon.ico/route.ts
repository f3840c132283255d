/**
 * Browsers ask for /favicon.ico on pages without an icon link, such as the plain
 * text agenda export: send them to the site icon instead of a 404.
 */
export function GET(): Response {
  return new Response(null, {
    status: 308,
    headers: { location: "/icon.svg", "cache-control": "public, max-age=86400" },
  });
}
