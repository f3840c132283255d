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
    <button
      type="button"
      className="btn"
      aria-label="Watch"
      aria-pressed={on}
      disabled={set.isPending}
      onClick={() => set.mutate({ ...input, active: !on })}
    >
      {on ? "Watching" : "Watch"}
    </button>
  );
}
