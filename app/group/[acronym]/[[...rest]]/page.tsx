import { redirectToGroup } from "../../resolve";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ acronym: string }> };

/** Datatracker-shaped /group/<acronym>/ (and its sub-pages such as /about/). */
export default async function DatatrackerGroup({ params }: Props) {
  return redirectToGroup((await params).acronym);
}
