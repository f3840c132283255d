import { stateLabel, stateTone } from "./labels";

export function StateBadge({ state }: { state: string }) {
  return (
    <span className={`badge ${stateTone(state)}`}>
      <span className="sr-only">State: </span>
      {stateLabel(state)}
    </span>
  );
}
