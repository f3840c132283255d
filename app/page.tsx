import Link from "next/link";
import { MyWork } from "./_components/my-work";
import { api, currentActor, myWork } from "./_trpc/server";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const caller = await api();
  const actor = await currentActor();
  if (actor) {
    // A signed-in person's home is what waits for them.
    const work = await myWork();
    return <MyWork name={actor.name} sections={work.sections} total={work.total} />;
  }
  const items = await caller.group.charterItems();
  return (
    <div className="space-y-8">
      <section aria-labelledby="intro" className="max-w-3xl space-y-3">
        <h1 id="intro">Where should this IoT problem be worked on?</h1>
        <p className="text-slate-700">
          The IETF IOT Operations working group (IOTOPS) hears about operational problems with
          networked devices and sends each one to the group best placed to work on it. It follows
          the dispatch model of RFC 7957: IOTOPS recommends a venue, the area director approves, and
          the receiving group picks the work up. IOTOPS does not write the protocols itself.
        </p>
        <p className="text-slate-700">This site supports that job end to end:</p>
        <ul className="list-disc space-y-1 pl-6 text-slate-700">
          <li>
            <strong>Contributors</strong> file a problem and see at once how ready it is for
            dispatch and which groups it most resembles, with the reasons.
          </li>
          <li>
            <strong>Chairs</strong> triage a shared queue, discuss, and record a dispatch
            recommendation with its rationale.
          </li>
          <li>
            <strong>Area directors</strong> approve a recommendation or send it back with comments.
          </li>
          <li>
            <strong>Everyone</strong> follows the resulting Internet-Drafts in the
            Datatracker&apos;s own state vocabulary.
          </li>
        </ul>
        <p className="flex flex-wrap gap-3 pt-2">
          <Link href="/issues/new" className="btn btn-primary">
            File an issue
          </Link>
          <Link href="/issues" className="btn">
            Browse issues
          </Link>
          <Link href="/groups" className="btn">
            Groups
          </Link>
        </p>
      </section>
      <section aria-labelledby="charter">
        <h2 id="charter">What IOTOPS covers</h2>
        <ul className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {items.map((c) => (
            <li key={c.id} className="card">
              <h3 className="font-semibold">{c.title}</h3>
              <p className="mt-1 text-sm text-slate-700">{c.description}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
