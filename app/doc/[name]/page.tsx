import { redirectToDocument } from "../resolve";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ name: string }> };

/** Datatracker-shaped /doc/<name>/ (also /doc/rfc<N>/ and /doc/<name>-<rev>/). */
export default async function DatatrackerDocument({ params }: Props) {
  return redirectToDocument((await params).name);
}
