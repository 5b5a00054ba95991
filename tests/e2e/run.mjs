// Runs every end-to-end spec (one at a time: each starts its own server and browser).
import { run } from "node:test";
import { spec } from "node:test/reporters";
import { readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(join(here, "specs"))
  .filter((f) => f.endsWith(".spec.mjs") && (only.length === 0 || only.some((o) => f.includes(o))))
  .map((f) => join(here, "specs", f));
let failed = false;
const stream = run({ files, concurrency: 1, timeout: 180000 });
stream.on("test:fail", () => (failed = true));
stream.compose(spec).pipe(process.stdout);
stream.on("end", () => process.exit(failed ? 1 : 0));
