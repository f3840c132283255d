import { refusalOf, routeCaller } from "../../_trpc/download";

export const dynamic = "force-dynamic";

function tokenOf(req: Request): string {
  return new URL(req.url).searchParams.get("token") ?? "";
}

/** Opened in a browser: the confirmation page (a GET never unsubscribes; link scanners follow GETs). */
export async function GET(req: Request) {
  const url = new URL(`/unsubscribe?token=${encodeURIComponent(tokenOf(req))}`, req.url);
  return Response.redirect(url, 303);
}

/**
 * RFC 8058 one-click: the mail client POSTs `List-Unsubscribe=One-Click` here
 * and e-mail stops at once. The confirmation page's form posts here too, and is
 * sent back to the page to see the result.
 */
export async function POST(req: Request) {
  const token = tokenOf(req);
  const body = await req.text().catch(() => "");
  try {
    await (await routeCaller()).notification.unsubscribe({ token });
  } catch (e) {
    const refusal = refusalOf(e);
    if (refusal) return refusal;
    throw e;
  }
  if (new URLSearchParams(body).get("List-Unsubscribe") === "One-Click") {
    return new Response("Unsubscribed: notification e-mail is off.\n", {
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  }
  const url = new URL(`/unsubscribe?token=${encodeURIComponent(token)}&done=1`, req.url);
  return Response.redirect(url, 303);
}
