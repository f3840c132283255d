import { redirect } from "next/navigation";
import { api, orNotFound } from "../_trpc/server";

/** Answers /group/<acronym>/… and /wg/<acronym>/… with a redirect to the group page; unknown groups are a 404. */
export async function redirectToGroup(acronym: string): Promise<never> {
  const caller = await api();
  const group = await orNotFound(caller.group.get({ acronym: decodeURIComponent(acronym) }));
  redirect(`/groups/${encodeURIComponent(group.acronym)}`);
}
