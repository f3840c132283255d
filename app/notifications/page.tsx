import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentActor, api } from "../_trpc/server";
import { NotificationList } from "./notification-list";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  if (!(await currentActor())) redirect("/signin?callbackUrl=%2Fnotifications");
  const data = await (await api()).notification.list({ unreadOnly: false });
  return (
    <div className="space-y-4">
      <h1>Notifications</h1>
      <NotificationList
        unread={data.unread}
        items={data.items.map((n) => ({
          id: n.id,
          subject: n.subject,
          url: n.url,
          read: !!n.readAt,
          createdAt: n.createdAt.toISOString(),
        }))}
      />
    </div>
  );
}
