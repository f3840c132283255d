import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { api, currentActor } from "../_trpc/server";
import { AccountSection } from "./account-section";
import { SettingsForm } from "./settings-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  if (!(await currentActor())) redirect("/signin?callbackUrl=%2Fsettings");
  const caller = await api();
  const [s, account] = await Promise.all([caller.notification.settings(), caller.account.status()]);
  return (
    <div className="space-y-4">
      <h1>Settings</h1>
      <AccountSection account={account} />
      <SettingsForm
        email={s.email}
        watches={s.watches.map((w) => ({
          subjectType: w.subjectType,
          subjectKey: w.subjectKey,
          active: w.active,
          automatic: w.automatic,
        }))}
      />
    </div>
  );
}
