import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { api, currentActor } from "../_trpc/server";
import { AccountSection } from "./account-section";
import { ApiTokensSection } from "./api-tokens-section";
import { NotificationPreferences } from "./notification-preferences";
import { SettingsForm } from "./settings-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  if (!(await currentActor())) redirect("/signin?callbackUrl=%2Fsettings");
  const caller = await api();
  const [s, account, tokens, deliveries] = await Promise.all([
    caller.notification.settings(),
    caller.account.status(),
    caller.apiToken.list(),
    caller.notification.deliveries(),
  ]);
  return (
    <div className="space-y-4">
      <h1>Settings</h1>
      <AccountSection account={account} />
      <NotificationPreferences
        initial={deliveries.kinds}
        emailOn={deliveries.emailOn}
        waitingForDigest={deliveries.waitingForDigest}
      />
      <SettingsForm
        email={s.email}
        watches={s.watches.map((w) => ({
          subjectType: w.subjectType,
          subjectKey: w.subjectKey,
          active: w.active,
          automatic: w.automatic,
        }))}
      />
      <ApiTokensSection
        tokens={tokens.map((t) => ({
          id: t.id,
          name: t.name,
          prefix: t.prefix,
          createdAt: t.createdAt.toISOString(),
          lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
          revokedAt: t.revokedAt?.toISOString() ?? null,
        }))}
      />
    </div>
  );
}
