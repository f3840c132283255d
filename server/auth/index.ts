import "server-only";
import { cache } from "react";
import NextAuth, { type NextAuthConfig } from "next-auth";
import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import { randomUUID } from "node:crypto";
import { cookies, headers } from "next/headers";
import { NextRequest } from "next/server";
import { z } from "zod";
import { authenticate } from "../services/people/authenticate";
import { DATATRACKER_PROVIDER } from "../services/people/sign-in-with-datatracker";
import { getDb } from "../db";
import {
  completeDatatrackerSignIn,
  datatrackerPerson,
  datatrackerProvider,
  datatrackerSettings,
} from "./datatracker";
import { guarded, originSettings } from "../http/guard";
import { revokeSession, sessionVersionOf } from "../services/people/sessions";
import { publicOrigin } from "./public-origin";
import { authRedirect } from "./redirect";
import { authSecret } from "./secret";
import {
  personIdOfToken,
  sessionFromCookies,
  sessionIdOfToken,
  type SessionClaims,
} from "./session-token";
import { guardCredentialsSignIn, recordSignInAttempt } from "./sign-in-throttle";

const ZCredentials = z.object({ email: z.string().min(1), password: z.string().min(1) });

declare module "next-auth" {
  interface Session {
    user: { personId: number; name: string; email: string };
  }
}

/**
 * Requests of the Datatracker sign-in flow. Their errors go to
 * /signin/datatracker, which forwards to /signin?error=…&provider=datatracker
 * so the page can say that the Datatracker sign-in failed.
 */
const DATATRACKER_FLOW = new RegExp(`/(signin|callback)/${DATATRACKER_PROVIDER}$`);

function config(req?: Request): NextAuthConfig {
  const datatracker = datatrackerSettings();
  const inDatatrackerFlow = !!req && DATATRACKER_FLOW.test(new URL(req.url).pathname);
  const errorPage = inDatatrackerFlow ? `/signin/${DATATRACKER_PROVIDER}` : "/signin";
  const providers: Provider[] = [
    Credentials({
      id: "credentials",
      name: "Email and password",
      credentials: {
        email: { label: "Email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(raw, request) {
        const parsed = ZCredentials.safeParse(raw);
        if (!parsed.success) return null;
        const person = await authenticate(await getDb(), parsed.data.email, parsed.data.password);
        await recordSignInAttempt(request.headers, parsed.data.email, !!person);
        return person ? { id: String(person.id), name: person.name, email: person.email } : null;
      },
    }),
  ];
  if (datatracker) providers.push(datatrackerProvider(datatracker));
  return {
    secret: authSecret(),
    trustHost: true,
    session: { strategy: "jwt" },
    pages: { signIn: errorPage, error: errorPage },
    providers,
    events: {
      async signOut(message) {
        // Revoke the token on the server too, so a copy of the cookie no longer works.
        const token = "token" in message ? message.token : null;
        const personId = token ? personIdOfToken(token) : null;
        if (!token || !personId) return;
        await revokeSession(await getDb(), {
          personId,
          sessionId: sessionIdOfToken(token),
          expiresAt: new Date((typeof token.exp === "number" ? token.exp : 0) * 1000),
        });
      },
    },
    callbacks: {
      // Only paths on this site (server/domain/http/safe-redirect.ts).
      redirect: authRedirect,
      async signIn({ account, profile }) {
        if (account?.provider !== DATATRACKER_PROVIDER) return true;
        return completeDatatrackerSignIn(await getDb(), profile);
      },
      async jwt({ token, user, account }) {
        if (account?.provider === DATATRACKER_PROVIDER) {
          // The token carries this app's person, not the Datatracker subject.
          const person = await datatrackerPerson(await getDb(), account);
          token.personId = person.id;
          token.sub = String(person.id);
          token.name = person.name;
          token.email = person.email;
        } else if (user?.id) {
          token.personId = Number(user.id);
        }
        if (account) {
          // A new session: its id (kept across renewals, listed when it signs
          // out) and the person's session version (raised to end them all).
          const personId = personIdOfToken(token);
          token.sid = randomUUID();
          token.sv = personId ? ((await sessionVersionOf(await getDb(), personId)) ?? 1) : 1;
        }
        return token;
      },
      session({ session, token }) {
        session.user = {
          ...session.user,
          personId: personIdOfToken(token) ?? 0,
          name: session.user?.name ?? "",
          email: session.user?.email ?? "",
        };
        return session;
      },
    },
  };
}

/**
 * The auth request at its public origin (see public-origin.ts), with the
 * forwarded headers Auth.js reads replaced by that origin's, unless trusted.
 */
function atPublicOrigin(req: NextRequest): NextRequest {
  const origin = publicOrigin(req.headers, req.url, originSettings());
  const url = new URL(req.url);
  const publicUrl = origin ? `${origin}${url.pathname}${url.search}` : req.url;
  const rebased = new NextRequest(publicUrl, req);
  if (origin) {
    const { host, protocol } = new URL(origin);
    rebased.headers.set("x-forwarded-host", host);
    rebased.headers.set("x-forwarded-proto", protocol.replace(/:$/, ""));
  } else {
    rebased.headers.delete("x-forwarded-host");
    rebased.headers.delete("x-forwarded-proto");
  }
  // NextRequest spells loopback hosts (127.0.0.1) "localhost" in `url`, which
  // Auth.js reads; keep the address the browser used.
  Object.defineProperty(rebased, "url", { value: publicUrl });
  return rebased;
}

const nextAuth = NextAuth((req) => config(req));
export const { signIn, signOut } = nextAuth;
/** A request rebuilt around a body that was read (and size-checked) already. */
const withBody = (req: NextRequest, body: Uint8Array<ArrayBuffer>) =>
  new NextRequest(req.url, { method: req.method, headers: req.headers, body });
export const handlers = {
  GET: guarded((req: NextRequest) => nextAuth.handlers.GET(atPublicOrigin(req)), withBody),
  POST: guarded(
    async (req: NextRequest) =>
      (await guardCredentialsSignIn(req)) ?? nextAuth.handlers.POST(atPublicOrigin(req)),
    withBody,
  ),
};
/** The session for this request, memoised per request. */
export const auth = cache(nextAuth.auth);

/**
 * The session of this request, or null; memoised per request. Reads the session
 * token directly (see session-token.ts) and renews an old one by setting a new
 * cookie where the response can carry one (route handlers and server actions,
 * so every tRPC call). Whether the session was revoked is checked with the
 * person's row in loadActor.
 */
export const sessionClaims = cache(async (): Promise<SessionClaims | null> =>
  sessionFromCookies((await headers()).get("cookie"), {
    secret: authSecret(),
    setCookie: async (c) => {
      (await cookies()).set(c.name, c.value, c.options);
    },
  }),
);
