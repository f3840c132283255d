/**
 * Test helper: `node --import tsx db/tests/lock-child.ts DIR HOLD_MS` takes the
 * data-folder lock, prints "acquired" (or "refused: …"), holds it HOLD_MS, exits.
 */
import { acquireDataDirLock } from "../lock";

const [dir, hold] = process.argv.slice(2);
try {
  acquireDataDirLock(dir!);
  process.stdout.write("acquired\n");
  setTimeout(() => process.exit(0), Number(hold ?? 0));
} catch (e) {
  process.stdout.write(`refused: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(3);
}
