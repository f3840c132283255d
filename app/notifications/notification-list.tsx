"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { formatDateTime } from "../_components/labels";
import { useTRPC } from "../_trpc/client";

export function NotificationList(props: {
  unread: number;
  items: { id: number; subject: string; url: string; read: boolean; createdAt: string }[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const mark = useMutation(
    trpc.notification.markRead.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  if (props.items.length === 0) {
    return (
      <p className="card text-slate-700">
        Nothing yet. Watch issues, groups or documents to hear about changes.
      </p>
    );
  }
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-3">
        <p>{props.unread} unread</p>
        <button
          type="button"
          className="btn"
          disabled={props.unread === 0 || mark.isPending}
          onClick={() => mark.mutate({ ids: "all" })}
        >
          Mark all as read
        </button>
      </div>
      <ul className="space-y-2" aria-label="Notifications">
        {props.items.map((n) => (
          <li key={n.id} className={`card ${n.read ? "" : "border-brand-600"}`}>
            <Link href={n.url} onClick={() => !n.read && mark.mutate({ ids: [n.id] })}>
              {n.subject}
            </Link>
            <p className="text-xs text-slate-600">
              {formatDateTime(n.createdAt)}
              {n.read ? "" : " · unread"}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
