import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { distDir, root } from "./setup.mjs";

const saved = process.env.NEXT_DIST_DIR;
afterEach(() => {
  if (saved === undefined) delete process.env.NEXT_DIST_DIR;
  else process.env.NEXT_DIST_DIR = saved;
});

describe("the build folder", () => {
  it("is .next by default, as in next.config.ts", () => {
    delete process.env.NEXT_DIST_DIR;
    expect(distDir()).toBe(path.join(root, ".next"));
  });

  it("follows NEXT_DIST_DIR, relative to the project root", () => {
    process.env.NEXT_DIST_DIR = ".next-bench";
    expect(distDir()).toBe(path.join(root, ".next-bench"));
  });
});
