// Lighthouse, mobile, against the production build served on 127.0.0.1. Prints every category
// score; fails when Accessibility or Best Practices is below 100 (Performance is printed, not
// gated: it is noisy on a 2-core machine). Uses Debian's Chromium.
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { startServer } from "../../scripts/serve.mjs";
import { CHROMIUM, CHROMIUM_ARGS } from "./lib/harness.mjs";

const server = await startServer({ dir: "dist" });
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  chromeFlags: ["--headless=new", ...CHROMIUM_ARGS],
});
let failed = false;
try {
  const pages = ["/", "/#/log/blood_pressure", "/#/urgent"];
  for (const path of pages) {
    const audit = () =>
      lighthouse(server.url + path, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
      });
    let result = await audit();
    if (result.lhr.runtimeError) {
      console.error(`  ${path}: ${result.lhr.runtimeError.code}; running it once more`);
      result = await audit();
    }
    if (result.lhr.runtimeError) console.error(`  runtime error: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
    const cats = result.lhr.categories;
    const score = (k) => Math.round((cats[k]?.score ?? 0) * 100);
    console.log(
      `Lighthouse ${path}: performance ${score("performance")}, accessibility ${score("accessibility")}, ` +
        `best-practices ${score("best-practices")}, seo ${score("seo")}`,
    );
    for (const k of ["accessibility", "best-practices"]) {
      if (score(k) < 100) {
        failed = true;
        const bad = Object.values(result.lhr.audits).filter(
          (a) => a.score !== null && a.score < 1 && cats[k].auditRefs.some((r) => r.id === a.id && r.weight > 0),
        );
        for (const a of bad) console.error(`  ${k}: ${a.id}: ${a.title}`);
      }
    }
    const m = result.lhr.audits;
    console.log(
      `  FCP ${m["first-contentful-paint"]?.displayValue}, LCP ${m["largest-contentful-paint"]?.displayValue}, ` +
        `TBT ${m["total-blocking-time"]?.displayValue}, CLS ${m["cumulative-layout-shift"]?.displayValue}`,
    );
  }
} finally {
  await chrome.kill();
  await server.close();
}
process.exit(failed ? 1 : 0);
