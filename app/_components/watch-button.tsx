"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../_trpc/client";

/** Watch or stop watching an issue, group or document (signed-in people only). */
export function WatchButton({
  subjectType,
  subjectKey,
}: {
  subjectType: "issue" | "group" | "document";
  subjectKey: string;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const input = { subjectType, subjectKey };
  const watching = useQuery(trpc.notification.watching.queryOptions(input));
  const set = useMutation(
    trpc.notification.setWatch.mutationOptions({
      onSuccess: () =>
        qc.invalidateQueries({ queryKey: trpc.notification.watching.queryKey(input) }),
    }),
  );
  if (watching.isPending) return null;
  const on = watching.data === true;
  return (
    // A toggle: the name stays "Watch" and `aria-pressed` says whether it is on,
    // so the visible label and the accessible name never disagree.
    <button
      type="button"
      className="btn"
      aria-pressed={on}
      disabled={set.isPending}
      onClick={() => set.mutate({ ...input, active: !on })}
    >
      {on && <span aria-hidden="true">✓ </span>}
      Watch
    </button>
  );
}
