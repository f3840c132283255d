import type { Throttle } from "~/server/auth/throttle";
import { DomainError } from "~/server/domain/errors";
import { throttledMessage, type ThrottleKind } from "~/server/domain/people/throttle-rules";

/** Count one attempt; over the limit, a RATE_LIMITED error (429 with Retry-After). */
export async function consumeOrRefuse(
  throttle: Throttle,
  kind: ThrottleKind,
  key: string,
  action: string,
): Promise<void> {
  const r = await throttle.consume(kind, key);
  if (!r.ok) {
    throw new DomainError("RATE_LIMITED", throttledMessage(action, r.retryAfterS), {
      retryAfterS: r.retryAfterS,
    });
  }
}
