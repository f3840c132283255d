/** Runs once when a server process starts (see server/startup.ts). */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./server/startup");
    await startServer();
  }
}

/**
 * A page or route failed. When the cause is the database being out of reach,
 * later page requests are answered 503 until it is back (see proxy.ts).
 */
export async function onRequestError(err: unknown) {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { reportFailure } = await import("./server/availability");
    reportFailure(err);
  }
}
