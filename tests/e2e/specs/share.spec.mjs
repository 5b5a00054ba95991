// Sharing with the care team (issue 7): a patient shares a link; a fresh browser (the nurse's)
// opens it — also after going offline — and shows the same numbers; the QR code decodes (zbarimg,
// an independent reader) to the same link; the printout is one or two A4 pages; a changed link is
// refused and shows nothing; a FHIR file opens on the review page with the same numbers, and
// imported into an empty profile gives the same score page. Kept summaries can be deleted. axe on
// every state; no request leaves the origin; no console errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  setup,
  expectNoAxeViolations,
  appReady,
  seedRecord,
  storedRows,
  swControls,
  daysAgo,
  openBrowser,
} from "../lib/harness.mjs";
import { H1, heading, summaryView } from "../lib/pages.mjs";

function record() {
  const observations = [];
  for (let d = 0; d < 40; d++) {
    const sys = 128 + ((d * 7) % 13);
    observations.push({ id: `bp${d}`, at: daysAgo(d, 7), kind: "blood_pressure", systolic_mmhg: sys, diastolic_mmhg: 78 + (d % 6) });
    observations.push({ id: `g${d}`, at: daysAgo(d, 7), kind: "glucose", mmol_l: 5.4 + (d % 9) / 10, context: "fasting" });
  }
  // A very high reading 10 days ago: a flag from the last 90 days that has since passed.
  observations.push({ id: "bp-high", at: daysAgo(10, 19), kind: "blood_pressure", systolic_mmhg: 182, diastolic_mmhg: 112, note: "after the stairs" });
  observations.push({ id: "chol", at: daysAgo(60, 9), kind: "cholesterol", total_mmol_l: 5.6, hdl_mmol_l: 1.3 });
  observations.push({ id: "w", at: daysAgo(3, 7), kind: "weight", kg: 78.5 });
  observations.push({ id: "a", at: daysAgo(2, 9), kind: "activity", moderate_min_per_week: 90, vigorous_min_per_week: 0 });
  observations.push({ id: "s", at: daysAgo(1, 9), kind: "sleep", hours: 7.5 });
  observations.push({ id: "a1c", at: daysAgo(50, 9), kind: "hba1c", mmol_mol: 52 });
  return {
    format: "hale.record/1",
    profile: {
      name: "Sarah Jones",
      birth_date: "1968-03-02",
      sex: "female",
      height_cm: 165,
      conditions: ["hypertension", "type2_diabetes"],
      medications: ["antihypertensive", "metformin"],
      smoking: { status: "never" },
    },
    observations,
    questionnaires: [{ id: "m", at: daysAgo(3, 9), instrument: "mepa", items: [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1] }],
  };
}

/** The patient's browser with the record stored, on the share page with its preview shown. */
async function patientOnSharePage(options) {
  const h = await setup({ viewport: { width: 1024, height: 900 }, ...options });
  await h.page.goto(h.origin + "/");
  await appReady(h.page);
  await seedRecord(h.page, record());
  await h.page.goto(h.origin + "/#/share");
  await h.page.reload();
  await h.page.getByRole("heading", { level: 1, name: "Share with your care team" }).waitFor({ timeout: 20000 });
  return h;
}

/** The nurse's browser: nothing stored, on the same server. */
function nurseBrowser(origin) {
  return openBrowser(origin, { viewport: { width: 1024, height: 900 } });
}

/** Neither browser sent a request off the origin or logged an error. */
function nothingLeftTheOrigin(...browsers) {
  for (const b of browsers) {
    assert.deepEqual(b.foreign, []);
    assert.deepEqual(b.consoleErrors, []);
  }
}

async function summaryText(page) {
  await summaryView(page).waitFor({ timeout: 20000 });
  return summaryView(page).innerText();
}

/** The facts both sides must agree on, read from a summary's text. */
function facts(text) {
  const pick = (re) => (text.match(re) || [])[0];
  return {
    score: pick(/Health score \(Life's Essential 8\): [\d.]+ out of 100|Health score: not complete \(parts missing\)\./),
    qrisk: pick(/QRISK3 10-year risk of a heart attack or stroke: [\d.]+%/),
    bp: pick(/\d+\/\d+ mmHg/),
    flag: pick(/(Get help today|Contact your GP practice in the next few days|Raise at your next review|Emergency: call 999 now): [^\n]+/),
    due: pick(/due \d+ \w+ \d{4}/),
  };
}

test("a patient shares a link and a fresh browser shows the same numbers, offline too; QR, print, tamper, keep", async () => {
  const h = await patientOnSharePage({ permissions: ["clipboard-write"] });
  let nurse = null;
  const work = mkdtempSync(join(tmpdir(), "hale-share-"));
  try {
    const { page, origin } = h;
    const preview = await summaryText(page);
    assert.doesNotMatch(preview, /Sarah Jones/, "no name unless chosen");
    assert.match(preview, /age 58/);
    assert.doesNotMatch(preview, /after the stairs/, "no notes unless chosen");
    const mine = facts(preview);
    assert.ok(mine.score && mine.qrisk && mine.bp && mine.flag, JSON.stringify(mine));
    await expectNoAxeViolations(page, "share page with preview");

    // Leave glucose out, then put it back; choose dates that end before they start: a reason.
    await page.getByRole("checkbox", { name: "Blood glucose" }).uncheck();
    await summaryView(page).filter({ hasNotText: "5.4 mmol/L" }).filter({ hasNotText: "mmol/L (fasting" }).waitFor();
    await page.getByRole("checkbox", { name: "Blood glucose" }).check();
    await page.locator("article.summary", { hasText: "mmol/L (fasting" }).waitFor();
    await page.locator("#share-range").selectOption("custom");
    await page.locator("#share-from").fill("2026-12-31");
    await page.locator("#share-from").dispatchEvent("change");
    await page.getByRole("alert").filter({ hasText: "The start of the range must be on or before its end." }).waitFor();
    await expectNoAxeViolations(page, "share page, dates in the wrong order");
    await page.locator("#share-range").selectOption("30");
    await summaryView(page).waitFor();

    // Choose to include notes and name: the preview follows.
    await page.getByLabel("Include my notes").check();
    await page.getByRole("group", { name: "Put your name on it?" }).getByLabel("Yes").check();
    await page.locator("article.summary", { hasText: "Sarah Jones" }).waitFor();
    await page.locator("article.summary", { hasText: "after the stairs" }).waitFor();

    // Print: one A4 page, two at most.
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.ok(pages >= 1 && pages <= 2, `the printed summary is ${pages} pages`);

    await page.getByRole("button", { name: "Make a link" }).click();
    const linkBox = page.getByLabel("Link", { exact: true });
    await linkBox.waitFor();
    const link = await linkBox.inputValue();
    assert.match(link, new RegExp(`^${origin.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/#/review/v1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}$`));
    assert.ok(!(await page.locator("main").innerText()).includes("too long for a QR code"), "a 30-day link fits a QR code");
    // What Hale writes to the clipboard (its Permissions-Policy denies reading the clipboard, so the
    // test notes the write on its way through instead of reading it back).
    await page.evaluate(() => {
      const write = navigator.clipboard.writeText.bind(navigator.clipboard);
      navigator.clipboard.writeText = (text) => {
        self.haleCopied = text;
        return write(text);
      };
    });
    await page.getByRole("button", { name: "Copy link" }).click();
    await page.getByRole("status").filter({ hasText: "Link copied." }).waitFor();
    assert.equal(await page.evaluate(() => self.haleCopied), link);
    // Headless Chromium on Linux has no share sheet: the page says what to do instead.
    await page.getByRole("button", { name: "Share link" }).click();
    await page.getByRole("status").filter({ hasText: /cannot share directly|Shared\./ }).waitFor();
    await page.getByRole("button", { name: "Show QR code" }).click();
    const qr = page.locator("#share-qr svg");
    await qr.waitFor();
    await expectNoAxeViolations(page, "share page with link and QR code");
    const png = join(work, "qr.png");
    await qr.screenshot({ path: png });
    const decoded = execFileSync("zbarimg", ["--quiet", "--raw", png], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    assert.equal(decoded, link, "the QR code reads back as the link");

    // On paper, the QR code comes too (and still fits one or two pages).
    const pdf2 = await page.pdf({ format: "A4", printBackground: true });
    const pages2 = (pdf2.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.ok(pages2 >= 1 && pages2 <= 2, `the printed summary with its QR code is ${pages2} pages`);
    await page.emulateMedia({ media: "print" });
    const paperQr = page.locator(".share-print-qr svg");
    assert.equal(await paperQr.evaluate((e) => e.outerHTML), await qr.evaluate((e) => e.outerHTML), "the printed QR code is the link's");
    const box = await paperQr.boundingBox();
    assert.ok(box && box.width >= 45 * 3.7, `printed QR code is ${box && box.width} px wide (45 mm wanted, for a phone camera)`);
    await page.emulateMedia({ media: "screen" });

    // The nurse's browser: nothing stored, same origin.
    nurse = await nurseBrowser(origin);
    const np = nurse.page;
    await np.goto(link);
    await heading(np, H1.review).waitFor({ timeout: 30000 });
    const theirs = await summaryText(np);
    assert.deepEqual(facts(theirs), mine, "the nurse sees the numbers the patient saw");
    assert.match(theirs, /Sarah Jones/);
    assert.match(theirs, /after the stairs/);
    assert.match(theirs, /It does not update, so it may be out of date/);
    assert.match(theirs, /The link opens until/);
    assert.equal(await np.locator("article.summary svg.chart").count() >= 2, true, "small trend charts");
    await expectNoAxeViolations(np, "review page with a summary");
    const reviewPdf = await np.pdf({ format: "A4", printBackground: true });
    const reviewPages = (reviewPdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.ok(reviewPages >= 1 && reviewPages <= 2, `the printed review is ${reviewPages} pages`);
    assert.equal((await storedRows(np, "kept")).length, 0, "nothing kept unless asked");

    // Offline: the review page and the summary still open.
    await swControls(np);
    await nurse.context.setOffline(true);
    await np.reload();
    assert.deepEqual(facts(await summaryText(np)), mine, "offline, the same summary opens");
    await nurse.context.setOffline(false);

    // Keep it, see it listed, delete it.
    await np.getByRole("button", { name: "Keep this summary" }).click();
    await np.getByRole("status").filter({ hasText: "Kept in this browser." }).waitFor();
    assert.equal((await storedRows(np, "kept")).length, 1);
    const openKept = np.getByRole("button", { name: /^Open Sarah Jones, shared / });
    await openKept.waitFor();
    await expectNoAxeViolations(np, "review page with a kept summary");
    await np.getByRole("button", { name: /^Delete Sarah Jones, shared / }).click();
    await np.getByRole("status").filter({ hasText: "Deleted from this browser." }).waitFor();
    assert.equal((await storedRows(np, "kept")).length, 0);

    // A changed link: a plain reason, and nothing of the summary.
    const token = link.split("#/review/")[1];
    const [ver, payload, key] = token.split(".");
    const i = Math.floor(payload.length / 2);
    const changed = `${ver}.${payload.slice(0, i)}${payload[i] === "A" ? "B" : "A"}${payload.slice(i + 1)}.${key}`;
    await np.goto(`${origin}/#/review/${changed}`);
    await np.getByRole("heading", { level: 2, name: "This summary cannot be opened" }).waitFor();
    assert.match(await np.locator("main").innerText(), /changed or damaged since it was shared/);
    assert.equal(await summaryView(np).count(), 0, "nothing rendered from a changed link");
    await expectNoAxeViolations(np, "review page, changed link");
    // A wrong key and another version.
    const otherKey = key.startsWith("A") ? "B" + key.slice(1) : "A" + key.slice(1);
    await np.goto(`${origin}/#/review/${ver}.${payload}.${otherKey}`);
    await np.getByRole("heading", { level: 2, name: "This summary cannot be opened" }).waitFor();
    await np.goto(`${origin}/#/review/v9.${payload}.${key}`);
    await np.locator("main", { hasText: "made by a different version of Hale" }).waitFor();
    assert.equal(await summaryView(np).count(), 0);

    nothingLeftTheOrigin(h, nurse);
  } finally {
    if (nurse) await nurse.close();
    await h.close();
    rmSync(work, { recursive: true, force: true });
  }
});

test("a FHIR file opens on the review page with the same numbers, and imported into an empty profile gives the same score", async () => {
  const h = await patientOnSharePage({ acceptDownloads: true });
  let nurse = null;
  const work = mkdtempSync(join(tmpdir(), "hale-fhir-"));
  try {
    const { page, origin } = h;
    const mine = facts(await summaryText(page));
    // Nothing is made until "Put your name on it?" is answered (no answer is chosen for you).
    await page.getByRole("button", { name: "Download FHIR file" }).click();
    await page.getByRole("status").filter({ hasText: "Put your name on it?" }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), "share-identity-yes");
    await page.getByRole("group", { name: "Put your name on it?" }).getByLabel("No").check();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download FHIR file" }).click(),
    ]);
    const file = join(work, download.suggestedFilename());
    await download.saveAs(file);
    const bundle = JSON.parse(readFileSync(file, "utf8"));
    assert.equal(bundle.resourceType, "Bundle");
    assert.equal(bundle.type, "document");
    assert.ok(!JSON.stringify(bundle).includes("Sarah Jones"), "no name in the file unless chosen");
    await page.goto(origin + "/#/score");
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.locator("main", { hasText: "out of 100" }).first().waitFor({ timeout: 20000 });
    const scoreFacts = (text) => [text.match(/\d+(\.\d)?\s*out of 100/)?.[0], text.match(/\d+(\.\d)?%/)?.[0]];
    const myScore = scoreFacts(await page.locator("main").innerText());

    nurse = await nurseBrowser(origin);
    const np = nurse.page;
    await np.goto(origin + "/#/review");
    await heading(np, H1.review).waitFor({ timeout: 30000 });
    await expectNoAxeViolations(np, "review page, nothing opened");
    // Dropped onto the page (drag and drop) ...
    const dropped = await np.evaluateHandle((text) => {
      const d = new DataTransfer();
      d.items.add(new File([text], "summary.json", { type: "application/fhir+json" }));
      return d;
    }, readFileSync(file, "utf8"));
    await np.dispatchEvent(".dropzone", "drop", { dataTransfer: dropped });
    const fromDrop = facts(await summaryText(np));
    // ... or chosen with the file picker.
    await np.reload();
    await heading(np, H1.review).waitFor();
    assert.equal(await summaryView(np).count(), 0, "nothing kept or shown after a reload");
    await np.getByLabel("Open a FHIR file (.json) the person gave you").setInputFiles(file);
    const fromFile = facts(await summaryText(np));
    assert.deepEqual(fromDrop, fromFile);
    assert.deepEqual({ ...fromFile, bp: undefined }, { ...mine, bp: undefined }, "score, risk, flags and plan as the patient saw them");
    assert.ok(fromFile.bp, "latest readings shown");
    assert.doesNotMatch(await np.locator("main").innerText(), /The link opens until/, "a file has no expiry");
    await expectNoAxeViolations(np, "review page, FHIR file");

    // A file that is not a summary: a reason, nothing shown.
    await np.getByLabel("Open a FHIR file (.json) the person gave you").setInputFiles({ name: "x.json", mimeType: "application/json", buffer: Buffer.from('{"resourceType": "Patient"}') });
    await np.locator("main", { hasText: "could not be opened as a summary" }).waitFor();
    assert.equal(await summaryView(np).count(), 0);

    // Import the same file into the empty profile: the same score.
    await np.goto(origin + "/#/settings");
    await np.getByRole("heading", { level: 1, name: "Your data" }).waitFor();
    await np.locator('input[type="file"]').setInputFiles(file);
    await np.getByRole("status").filter({ hasText: /Imported \d+ readings/ }).waitFor({ timeout: 20000 });
    await np.goto(origin + "/#/score");
    await np.locator("main", { hasText: "out of 100" }).first().waitFor({ timeout: 20000 });
    const theirScore = scoreFacts(await np.locator("main").innerText());
    assert.ok(myScore[0] && myScore[1], `the patient has a score and a QRISK3: ${myScore}`);
    assert.deepEqual(theirScore, myScore, "export FHIR then import gives the same score");

    nothingLeftTheOrigin(h, nurse);
  } finally {
    if (nurse) await nurse.close();
    await h.close();
    rmSync(work, { recursive: true, force: true });
  }
});
