/** Types for setup.mjs (plain Node, so that it runs before dependencies are installed). */
export declare const root: string;
export declare function log(msg: string): void;
export declare function run(
  cmd: string,
  args: string[],
  opts?: { env?: Record<string, string> },
): number;
export declare function runOrDie(
  cmd: string,
  args: string[],
  opts?: { env?: Record<string, string> },
): void;
export declare function ensureDependencies(): void;
/** A digest of everything a production build is made from. */
export declare function sourceHash(): string;
/** The build folder: `NEXT_DIST_DIR` (as in next.config.ts) or `.next`. */
export declare function distDir(): string;
export declare function ensureBuild(): boolean;
