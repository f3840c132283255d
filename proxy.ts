import { NextResponse } from "next/server";
import { unavailablePage } from "./server/unavailable-page";

/** Page requests get a 503 while the database is known to be out of reach. */
export function proxy() {
  return unavailablePage() ?? NextResponse.next();
}

export const config = {
  // Pages only: tRPC answers its own 503s, /api/health reports the outage itself.
  matcher: ["/((?!api/|_next/|icon.svg).*)"],
};
