import Link from "next/link";
import { signOut } from "~/server/auth";
import { NO_RESOURCE, can } from "~/server/domain/permissions/policy";
import { api, currentActor } from "../_trpc/server";

async function signOutAction() {
  "use server";
  await signOut({ redirectTo: "/" });
}

export async function SiteHeader() {
  const actor = await currentActor();
  const unread = actor ? await (await api()).notification.unreadCount() : 0;
  const links: { href: string; label: string }[] = [
    { href: "/issues", label: "Issues" },
    { href: "/documents", label: "Documents" },
    { href: "/groups", label: "Groups" },
    { href: "/meetings", label: "Meetings" },
    { href: "/report", label: "Report" },
  ];
  if (actor) links.splice(1, 0, { href: "/issues/new", label: "File an issue" });
  if (can(actor, "triage.view", NO_RESOURCE)) links.push({ href: "/triage", label: "Triage" });
  if (can(actor, "review.view", NO_RESOURCE)) links.push({ href: "/review", label: "AD review" });
  if (can(actor, "admin.view", NO_RESOURCE)) {
    links.push(
      { href: "/admin/roles", label: "Roles" },
      { href: "/admin/import", label: "Import" },
    );
  }
  if (can(actor, "sync.view", NO_RESOURCE)) links.push({ href: "/admin/sync", label: "Sync" });

  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link
          href="/"
          className="text-lg font-semibold text-brand-900 no-underline hover:no-underline"
        >
          IOTOPS Dispatch
        </Link>
        <nav aria-label="Main" className="flex-1">
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {links.map((l) => (
              <li key={l.href}>
                <Link href={l.href}>{l.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="flex items-center gap-3 text-sm">
          {actor ? (
            <>
              <span aria-label="Signed in as">
                <span className="font-medium">{actor.name}</span>
                {actor.roles.length > 0 && (
                  <span className="ml-1 text-slate-600">
                    (
                    {actor.roles
                      .map((r) =>
                        r.role === "secretariat" ? "secretariat" : `${r.role} ${r.group}`,
                      )
                      .join(", ")}
                    )
                  </span>
                )}
              </span>
              <Link
                href="/notifications"
                className="btn"
                aria-label={`Notifications, ${unread} unread`}
              >
                Notifications
                {unread > 0 && (
                  <span className="badge ml-1 border-brand-700 bg-brand-700 text-white">
                    {unread}
                  </span>
                )}
              </Link>
              <Link href="/settings" className="btn">
                Settings
              </Link>
              <form action={signOutAction}>
                <button type="submit" className="btn">
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <>
              <Link href="/signin" className="btn">
                Sign in
              </Link>
              <Link href="/signup" className="btn btn-primary">
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
