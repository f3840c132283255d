import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { throttledMessage } from "../domain/people/throttle-rules";
import { accountKey, clientAddress, throttle } from "./throttle";

/** The code the sign-in form shows as "too many attempts" (with `code` = seconds to wait). */
export const TOO_MANY_ATTEMPTS = "TooManyAttempts";

/**
 * Before Auth.js checks an e-mail and password: refuse with 429 and
 * Retry-After when this client address or this account has failed too often.
 * The body has the shape Auth.js's client reads (`url` with `error` and `code`).
 */
export async function guardCredentialsSignIn(req: NextRequest): Promise<Response | null> {
  if (!new URL(req.url).pathname.endsWith("/callback/credentials")) return null;
  let email = "";
  try {
    const form = await req.clone().formData();
    email = String(form.get("email") ?? "");
  } catch {
    // Not a form: Auth.js refuses it itself.
  }
  const t = throttle();
  const checks = [await t.check("sign-in-ip", clientAddress(req.headers))];
  if (email) checks.push(await t.check("sign-in-account", accountKey(email)));
  const blocked = checks.find((c) => !c.ok);
  if (!blocked || blocked.ok) return null;
  const url = new URL("/signin", req.url);
  url.searchParams.set("error", TOO_MANY_ATTEMPTS);
  url.searchParams.set("code", String(blocked.retryAfterS));
  return NextResponse.json(
    { url: url.toString(), message: throttledMessage("sign-in", blocked.retryAfterS) },
    { status: 429, headers: { "Retry-After": String(blocked.retryAfterS) } },
  );
}

/** Count a failed sign-in against the address and the account; a success clears the account. */
export async function recordSignInAttempt(
  headers: Headers,
  email: string,
  success: boolean,
): Promise<void> {
  const t = throttle();
  if (success) {
    await t.reset("sign-in-account", accountKey(email));
    return;
  }
  await Promise.all([
    t.consume("sign-in-ip", clientAddress(headers)),
    t.consume("sign-in-account", accountKey(email)),
  ]);
}
