/** Types for client-address.mjs (plain Node, loaded by scripts/serve.mjs). */
export declare function trustsProxy(value: string | undefined): boolean;
export declare function forwardedFor(
  received: string | string[] | undefined,
  remoteAddress: string | undefined,
  trustProxy: boolean,
): string;
