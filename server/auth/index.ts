import "server-only";
import { cache } from "react";
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { authenticate } from "../services/people/authenticate";
import { getDb } from "../db";
import { authSecret } from "./secret";

const ZCredentials = z.object({ email: z.string().min(1), password: z.string().min(1) });

declare module "next-auth" {
  interface Session {
    user: { personId: number; name: string; email: string };
  }
}

function config(): NextAuthConfig {
  return {
    secret: authSecret(),
    trustHost: true,
    session: { strategy: "jwt" },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      Credentials({
        id: "credentials",
        name: "Email and password",
        credentials: {
          email: { label: "Email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(raw) {
          const parsed = ZCredentials.safeParse(raw);
          if (!parsed.success) return null;
          const person = await authenticate(await getDb(), parsed.data.email, parsed.data.password);
          return person ? { id: String(person.id), name: person.name, email: person.email } : null;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.id) token.personId = Number(user.id);
        return token;
      },
      session({ session, token }) {
        const personId = typeof token.personId === "number" ? token.personId : Number(token.sub);
        session.user = {
          ...session.user,
          personId,
          name: session.user?.name ?? "",
          email: session.user?.email ?? "",
        };
        return session;
      },
    },
  };
}

const nextAuth = NextAuth(() => config());
export const { handlers, signIn, signOut } = nextAuth;
/** The session for this request, memoised per request. */
export const auth = cache(nextAuth.auth);
