import { redirectToGroup } from "../../../group/resolve";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ acronym: string }> };

/** Datatracker-shaped /wg/<acronym>/ (and its sub-pages such as /about/). */
export default async function DatatrackerWorkingGroup({ params }: Props) {
  return redirectToGroup((await params).acronym);
}
