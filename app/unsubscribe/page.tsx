import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { checkParams } from "../_components/search-params";
import { api, orNotFound } from "../_trpc/server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Stop e-mail" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Where a notification e-mail's unsubscribe link leads: confirm, then e-mail stops. */
export default async function UnsubscribePage({ searchParams }: Props) {
  const { values } = checkParams(await searchParams, {
    token: z.string().max(100),
    done: z.literal("1"),
  });
  const token = values.token ?? "";
  const who = await orNotFound((await api()).notification.unsubscribeInfo({ token }));
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1>Stop e-mail from IOTOPS Dispatch</h1>
      {values.done || !who.email ? (
        <p role="status" className="card">
          Notification e-mail is off for {who.name}. You still see notifications in the tracker.
        </p>
      ) : (
        <form
          method="post"
          action={`/unsubscribe/one-click?token=${encodeURIComponent(token)}`}
          className="card space-y-3"
        >
          <p>
            Stop all notification e-mail for {who.name}? Notifications stay visible in the tracker.
          </p>
          <button type="submit" className="btn btn-primary">
            Stop e-mail
          </button>
        </form>
      )}
      <p className="text-sm">
        To choose what you watch, or to turn e-mail back on, go to{" "}
        <Link href="/settings">Settings</Link> (sign-in needed).
      </p>
    </div>
  );
}
