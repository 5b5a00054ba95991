// ad-hoc: node shot.mjs <hash> <out.png> [seed.json] [width]
import { setup, appReady, seedRecord } from "./lib/harness.mjs";
import { readFileSync } from "node:fs";
const [hash, out, seed, width] = process.argv.slice(2);
const h = await setup({ viewport: { width: Number(width || 390), height: 844 } });
try {
  const { page, origin } = h;
  await page.goto(origin + "/");
  await appReady(page);
  if (seed) { await seedRecord(page, JSON.parse(readFileSync(seed, "utf8"))); }
  await page.goto(origin + "/" + hash);
  await page.reload();
  await appReady(page);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: out, fullPage: true });
  console.log(await page.locator("main").innerText());
  console.log("console errors:", h.consoleErrors);
} finally { await h.close(); }
