import { notFound, redirect } from "next/navigation";
import { api, orNotFound } from "../../../_trpc/server";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ number: string }> };

/** Datatracker-shaped /meeting/<n>/ (and its sub-pages such as /agenda/). */
export default async function DatatrackerMeeting({ params }: Props) {
  const { number } = await params;
  if (!/^[1-9]\d{0,5}$/.test(number)) notFound();
  const caller = await api();
  const { meeting } = await orNotFound(caller.meeting.get({ number: Number(number) }));
  redirect(`/meetings/${meeting.number}`);
}
