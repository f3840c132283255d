import Link from "next/link";
import { signOut } from "~/server/auth";
import { roleLabel } from "~/server/domain/permissions/actor";
import { NO_RESOURCE, can } from "~/server/domain/permissions/policy";
import { formatCappedCount } from "~/server/domain/search/query";
import { api, currentActor, myWork } from "../_trpc/server";

async function signOutAction() {
  "use server";
  await signOut({ redirectTo: "/" });
}

export async function SiteHeader() {
  const actor = await currentActor();
  const unread = actor ? await (await api()).notification.unreadCount() : 0;
  const waiting = actor ? (await myWork()).total : 0;
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
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2 sm:gap-x-6 sm:gap-y-2 sm:px-4 sm:py-3">
        <Link
          href="/"
          className="text-base font-semibold text-brand-900 no-underline hover:no-underline sm:text-lg"
        >
          IOTOPS Dispatch
        </Link>
        {/* On a phone the links take one scrolling row below the account buttons. */}
        <nav aria-label="Main" className="order-last w-full sm:order-none sm:w-auto sm:flex-1">
          <ul className="flex gap-x-4 gap-y-1 overflow-x-auto text-sm whitespace-nowrap sm:flex-wrap sm:overflow-visible">
            {links.map((l) => (
              <li key={l.href}>
                <Link href={l.href}>{l.label}</Link>
              </li>
            ))}
            <li className="sm:hidden">
              <Link href="/search">Search</Link>
            </li>
            {actor && (
              <li className="sm:hidden">
                <Link href="/settings">Settings</Link>
              </li>
            )}
          </ul>
        </nav>
        {/* On a phone the box gives way to the Search link above, which opens the search page. */}
        <form
          role="search"
          aria-label="Site"
          method="get"
          action="/search"
          className="hidden gap-1 sm:flex"
        >
          <label htmlFor="site-search" className="sr-only">
            Search issues, documents and groups
          </label>
          <input
            id="site-search"
            name="q"
            type="search"
            required
            maxLength={200}
            placeholder="Search"
            className="input w-40 py-1 text-sm"
          />
          <button type="submit" className="btn text-sm">
            Search
          </button>
        </form>
        <div className="ml-auto flex items-center gap-2 text-sm sm:ml-0 sm:gap-3">
          {actor ? (
            <>
              <span aria-label="Signed in as" className="hidden sm:inline">
                <span className="font-medium">{actor.name}</span>
                {actor.roles.length > 0 && (
                  <span className="ml-1 hidden text-slate-600 md:inline">
                    ({actor.roles.map(roleLabel).join(", ")})
                  </span>
                )}
              </span>
              <Link
                href="/"
                className="btn"
                aria-label={`My work, ${formatCappedCount(waiting)} waiting`}
              >
                My work
                {waiting > 0 && (
                  <span className="badge ml-1 border-brand-700 bg-brand-700 text-white">
                    {formatCappedCount(waiting)}
                  </span>
                )}
              </Link>
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
              {/* On a phone Settings joins the links' row, so the buttons keep to one row. */}
              <Link href="/settings" className="btn hidden sm:inline-flex">
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
