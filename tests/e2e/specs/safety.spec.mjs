// Clinical safety revision 2 (issue 11), end to end on a 390 × 844 phone: a pregnant person's
// pre-eclampsia signs reach the maternity service first; a person with COPD and no oxygen target
// who logs 91 % is sent to the 999 screen, and once their care team's 88–92 % target is set in the
// profile the same reading raises nothing. The checklist is grouped, each sign tagged with what it
// needs. axe on every state; no request leaves the origin; no console errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { setup, expectNoAxeViolations, appReady, storedRows, storedReadings, seedRecord, testNow } from "../lib/harness.mjs";
import { H1, heading, mainHeading, readingForm, symptomsForm } from "../lib/pages.mjs";

/** What a person perceives of the result after a save: inside the viewport, holding focus, and its role. */
async function perceived(page) {
  const result = readingForm(page).result;
  await result.waitFor();
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === "save-result");
  const box = await result.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, height: r.height, viewport: window.innerHeight };
  });
  assert.ok(box.top >= 0 && box.top < box.viewport - 100, `the result starts inside the viewport (top ${box.top} of ${box.viewport})`);
  return { role: await result.getAttribute("role"), text: await result.innerText() };
}

async function seeded(h, record) {
  const { page, origin } = h;
  await page.goto(origin + "/");
  await appReady(page);
  await seedRecord(page, { format: "hale.record/1", ...record });
  await page.reload();
  await appReady(page);
}

test("a pregnant person ticks sudden swelling of the face, hands or feet: contact the maternity unit now, maternity first", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    await seeded(h, { profile: { birth_date: "1994-05-01", sex: "female", conditions: ["pregnant"] } });
    await page.goto(origin + "/#/symptoms");
    await heading(page, H1.symptoms).waitFor();
    // The pregnancy group comes first, worded as NICE NG133 words the signs; the severe headache
    // with vision changes is one box there, not a second one under "Head, face and speech".
    const pregnancy = page.getByRole("group", { name: "In pregnancy" });
    await pregnancy.waitFor();
    for (const sign of ["Severe headache, or blurred or flashing vision", "Severe pain just below the ribs", "Sudden swelling of the face, hands or feet"]) {
      await pregnancy.getByLabel(sign).waitFor();
    }
    assert.equal(await page.locator("#sym-severe_headache_vision").count(), 1, "one box per sign");
    assert.match(await pregnancy.innerText(), /Maternity unit now/);
    // The groups a frightened person looks for, with the 999 signs tagged.
    for (const g of ["Chest and breathing", "Head, face and speech", "Skin, swelling and legs", "Staying safe"]) {
      await page.getByRole("group", { name: g }).waitFor();
    }
    const head = page.getByRole("group", { name: "Head, face and speech" });
    assert.match(await head.getByText("A headache that came on suddenly and is extremely painful").innerText(), /Call 999/);
    await expectNoAxeViolations(page, "symptoms checklist, pregnant");

    await pregnancy.getByLabel("Sudden swelling of the face, hands or feet").check();
    await symptomsForm(page).saveButton.click();
    const seen = await perceived(page);
    assert.equal(seen.role, "alert", "an urgent result is announced as an alert");
    assert.match(seen.text, /Signs of pre-eclampsia/);
    const card = page.getByRole("region", { name: "Signs of pre-eclampsia" });
    await card.waitFor();
    const words = await card.innerText();
    assert.match(words, /Contact your maternity unit or midwife now/);
    assert.match(words, /Because you said: Sudden swelling of the face, hands or feet/);
    assert.match(await card.locator(".flag__level").innerText(), /today/i);
    assert.ok(!/#\/emergency$/.test(page.url()), "not the 999 screen: urgent, maternity");
    await expectNoAxeViolations(page, "pre-eclampsia signs saved");

    // Home leads with the same flag.
    await page.goto(origin + "/#/");
    await heading(page, H1.dashboard).waitFor();
    const first = page.locator("main .flag").first();
    await first.waitFor();
    assert.equal(await first.locator("h2").innerText(), "Signs of pre-eclampsia");
    const stored = await storedRows(page, "symptoms");
    assert.deepEqual(stored.map((s) => s.code), ["sudden_swelling_face_hands_feet"]);
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.consoleErrors, []);
  } finally {
    await h.close();
  }
});

test("someone not pregnant does not see the pregnancy-only signs; a sudden extremely painful headache goes to the 999 screen", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    await seeded(h, { profile: { birth_date: "1970-05-01", sex: "male" } });
    await page.goto(origin + "/#/symptoms");
    await heading(page, H1.symptoms).waitFor();
    assert.equal(await page.getByRole("group", { name: "In pregnancy" }).count(), 0);
    assert.equal(await page.getByLabel("Severe pain just below the ribs").count(), 0);
    assert.equal(await page.getByLabel("Sudden swelling of the face, hands or feet").count(), 0);
    await page.getByLabel("Severe headache with blurred or double vision").waitFor();
    // A 999 sign acts when ticked: no scrolling to a Save button far below.
    await page.getByLabel("A headache that came on suddenly and is extremely painful").click();
    await heading(page, H1.emergency).waitFor();
    assert.match(await page.locator("main").innerText(), /Because you said: A headache that came on suddenly and is extremely painful/);
    await expectNoAxeViolations(page, "999 screen for a thunderclap headache");
    // "It has passed" sits on the alert: it is marked as passed and still counts for 24 hours.
    await page.getByRole("button", { name: 'Mark "A headache that came on suddenly and is extremely painful" as passed' }).click();
    await page.getByRole("status").filter({ hasText: "It still counts for 24 hours" }).waitFor();
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === "status-message");
    assert.equal(await heading(page, H1.emergency).count(), 1, "a passed sudden headache still counts");
    assert.ok((await storedRows(page, "symptoms")).every((s) => s.resolved_at), "stored as passed");
    // "I ticked this by mistake" deletes it: it no longer counts, and the screen says so.
    await page.getByRole("button", { name: 'I ticked "A headache that came on suddenly and is extremely painful" by mistake' }).click();
    await heading(page, H1.noEmergency).waitFor();
    await page.getByRole("status").filter({ hasText: "Removed. It no longer counts." }).waitFor();
    assert.equal((await storedRows(page, "symptoms")).length, 0, "deleted from storage");
    await expectNoAxeViolations(page, "999 screen after a mistaken tick was removed");
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.consoleErrors, []);
  } finally {
    await h.close();
  }
});

test("COPD with no oxygen target: 91 % goes to the 999 screen; with the 88–92 % target set in the profile the same reading raises nothing", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    await seeded(h, { profile: { birth_date: "1952-02-01", sex: "male", conditions: ["copd"] } });
    await page.goto(origin + "/#/log/spo2");
    await mainHeading(page).waitFor();
    // The form asks about a target, since none is set.
    const ask = page.locator("#o2-target-ask");
    await ask.waitFor();
    assert.match(await ask.innerText(), /Has your care team given you an oxygen level to aim for\?/);
    await expectNoAxeViolations(page, "SpO2 form asking for a target");
    await page.getByLabel("Oxygen saturation (%)").fill("91");
    await readingForm(page).saveButton.click();
    await heading(page, H1.emergency).waitFor();
    await page.getByRole("heading", { level: 2, name: "Very low oxygen level" }).waitFor();

    // The person's care team gave them 88–92 %: set it in the profile.
    await page.goto(origin + "/#/log/spo2");
    await page.locator("#o2-target-ask").getByRole("link", { name: "Set your oxygen target in About you" }).click();
    await heading(page, H1.profile).waitFor({ timeout: 20000 });
    const q = page.getByRole("group", { name: "What oxygen level has your care team told you to aim for?" });
    await q.waitFor();
    assert.equal(await q.getByLabel("Not told, or not sure").isChecked(), true, "no target until one is chosen");
    await expectNoAxeViolations(page, "profile with the oxygen question");
    await q.getByLabel("88 to 92 %").check();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    // The answer comes to the person at the button's end of a long form: in view and focused.
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === "status-message");
    const top = await page.locator("#status-message").evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(top >= 0 && top < 700, `"Saved." starts inside the viewport (top ${top})`);
    const profile = (await storedRows(page, "profile"))[0];
    assert.equal(profile.oxygen_target, "88_92");

    // The reading already logged no longer raises a flag, and a new 91 % raises nothing.
    await page.goto(origin + "/#/emergency");
    await heading(page, H1.noEmergency).waitFor();
    await page.goto(origin + "/#/log/spo2");
    await mainHeading(page).waitFor();
    assert.equal(await page.locator("#o2-target-ask").count(), 0, "no longer asked");
    await page.getByLabel("Oxygen saturation (%)").fill("91");
    await readingForm(page).saveButton.click();
    const seen = await perceived(page);
    assert.equal(seen.role, "status");
    assert.match(seen.text, /Reading saved/);
    assert.match(seen.text, /Nothing in your recent readings needs action/);
    assert.equal(await page.locator("main .flag").count(), 0);
    assert.ok(!/#\/emergency$/.test(page.url()));
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.consoleErrors, []);
  } finally {
    await h.close();
  }
});

test("issue 12: after saving, the answer is in view and focused; a save never says nothing needs action while a flag stands", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    await seeded(h, {
      profile: { birth_date: "1981-03-02", sex: "female", conditions: ["asthma", "type2_diabetes"], peak_flow_best_l_min: 450 },
    });
    // A hypo: the treatment is the first thing seen and heard.
    await page.goto(origin + "/#/log/glucose");
    await mainHeading(page).waitFor();
    await readingForm(page).glucose.fill("2.6");
    await readingForm(page).saveButton.click();
    let seen = await perceived(page);
    assert.equal(seen.role, "alert");
    assert.match(seen.text, /Treat it now/);
    await expectNoAxeViolations(page, "glucose 2.6 saved");
    // Peak flow at 55 % of best: getting worse, advice today.
    await page.goto(origin + "/#/log/peak_flow");
    await mainHeading(page).waitFor();
    await page.getByLabel("Peak flow (L/min)").fill("248");
    await readingForm(page).saveButton.click();
    seen = await perceived(page);
    assert.equal(seen.role, "alert");
    assert.match(seen.text, /Your asthma needs help today/);
    assert.match(seen.text, /rescue steroid/);
    // Then a weight: it raises nothing, but the flags still stand and the save message says so.
    await page.goto(origin + "/#/log/weight");
    await mainHeading(page).waitFor();
    await page.getByLabel("Weight (kg)").fill("70");
    await readingForm(page).saveButton.click();
    seen = await perceived(page);
    assert.doesNotMatch(seen.text, /Nothing in your recent readings needs action/);
    assert.match(seen.text, /still needs action/);
    assert.match(seen.text, /Your asthma needs help today/);
    assert.equal(seen.role, "alert");
    // Targets that fit the person: type 2 diabetes has no home glucose number, and the save says so.
    await page.goto(origin + "/#/log/glucose");
    await mainHeading(page).waitFor();
    await readingForm(page).glucose.fill("9.2");
    await page.locator("#field-context").check();
    await readingForm(page).saveButton.click();
    seen = await perceived(page);
    assert.match(seen.text, /no home glucose target for type 2 diabetes/);
    // The range her care team gave her goes in the profile; then the same reading is compared with it.
    await page.goto(origin + "/#/profile");
    await heading(page, H1.profile).waitFor({ timeout: 20000 });
    await page.getByLabel("From (mmol/L)").fill("4");
    await page.getByLabel("To (mmol/L)").fill("8");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await page.goto(origin + "/#/log/glucose");
    await mainHeading(page).waitFor({ timeout: 20000 });
    await readingForm(page).glucose.fill("9.2");
    await page.locator("#field-context").check();
    await readingForm(page).saveButton.click();
    seen = await perceived(page);
    assert.match(seen.text, /9\.2 mmol\/L is above the range your care team set, 4 to 8 mmol\/L/);
    // One blood pressure: the home target is for a week's average, not one reading.
    await page.goto(origin + "/#/log/blood_pressure");
    await mainHeading(page).waitFor();
    await readingForm(page).systolic.fill("142");
    await readingForm(page).diastolic.fill("88");
    await readingForm(page).saveButton.click();
    seen = await perceived(page);
    assert.match(seen.text, /One reading is not enough to judge: a home average of 135\/85 mmHg or more is high/);
    // Advice leads with the flags that stand, before any self-care advice.
    await page.goto(origin + "/#/advice");
    await mainHeading(page).waitFor();
    await page.locator("#advice-first").waitFor();
    const order = await page.evaluate(() => {
      const heads = [...document.querySelectorAll("main h2")].map((x) => x.textContent);
      return heads;
    });
    assert.equal(order[0], "Do this first", order.join(" | "));
    assert.ok(order.indexOf("Your asthma needs help today") < order.indexOf("Asthma review with your GP practice within 2 working days"), order.join(" | "));
    const firstFlag = await page.locator("main .flag--urgent").first().boundingBox();
    assert.ok(firstFlag && firstFlag.y < 844, "the flag starts on the first screen");
    // The plan carries the practice review within 2 working days, and says weekends are skipped.
    await page.goto(origin + "/#/plan");
    await mainHeading(page).waitFor();
    const review = page.locator(".plan__item", { hasText: "Asthma review with your GP practice" });
    await review.waitFor();
    assert.match(await review.textContent(), /Weekends are skipped/);
    assert.match(await review.textContent(), /Due \d{1,2} [A-Z][a-z]{2} \d{4}/);
    // "Do it now" only sits beside a date that has come.
    for (const item of await page.locator(".plan__item").all()) {
      const text = await item.textContent();
      const when = text.match(/(\d{1,2} [A-Z][a-z]{2} \d{4})/);
      const due = when ? Date.parse(when[1] + " 00:00 UTC") : NaN;
      if (/Do it now/.test(text)) assert.ok(due <= testNow().getTime(), text);
      else if (/Open the form/.test(text)) assert.ok(due > testNow().getTime(), text);
    }
    await expectNoAxeViolations(page, "plan with an asthma review");
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.consoleErrors, []);
  } finally {
    await h.close();
  }
});

test("issue 12: a number unlikely in the unit chosen asks 'did you mean …?' before anything is stored, with the hypo treatment at once", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    await seeded(h, { profile: { birth_date: "1970-05-01", sex: "female" } });
    await page.goto(origin + "/#/log/glucose");
    await mainHeading(page).waitFor();
    // 9.2 typed with mg/dL chosen would be 0.5 mmol/L: the form asks, and stores nothing yet.
    await page.getByLabel("mg/dL", { exact: true }).check();
    await page.getByLabel("Glucose (mg/dL)").fill("9.2");
    await readingForm(page).saveButton.click();
    const q = page.locator("#unit-question");
    await q.waitFor();
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === "unit-question");
    const box = await q.boundingBox();
    assert.ok(box && box.y >= 0 && box.y < 844 - 100, `the question is in view (top ${box && box.y})`);
    const text = await q.innerText();
    assert.match(text, /Did you mean 9\.2 mmol\/L\?/);
    // 9.2 mg/dL would be a hypo: the treatment is shown at once, as an alert.
    assert.match(text, /Treat it now/);
    assert.equal(await q.getAttribute("role"), "alert");
    assert.equal((await storedReadings(page)).length, 0, "nothing stored while the question is open");
    await expectNoAxeViolations(page, "unit question");
    // "Yes, 9.2 mmol/L": the unit changes with the number; Save then stores 9.2 mmol/L, no alarm.
    await page.getByRole("button", { name: "Yes, 9.2 mmol/L" }).click();
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === "reading-save");
    assert.equal(await readingForm(page).glucose.inputValue(), "9.2");
    await readingForm(page).saveButton.click();
    const seen = await perceived(page);
    assert.equal(seen.role, "status");
    const stored = await storedReadings(page);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].mmol_l, 9.2);
    // A temperature typed in °F while °C is chosen asks too (no hypo: not an alert).
    await page.goto(origin + "/#/log/temperature");
    await mainHeading(page).waitFor();
    await page.getByLabel("Temperature (°C)").fill("98.6");
    await readingForm(page).saveButton.click();
    await page.locator("#unit-question", { hasText: "Did you mean 98.6 °F?" }).waitFor();
    assert.equal(await page.locator("#unit-question").getAttribute("role"), null, "no hypo, no alert");
    // Ordinary values never ask, and examples in errors are ordinary values.
    await page.goto(origin + "/#/log/blood_pressure");
    await mainHeading(page).waitFor();
    await readingForm(page).systolic.fill("abc");
    await readingForm(page).diastolic.fill("80");
    await readingForm(page).saveButton.click();
    await page.locator(".error-message", { hasText: "must be a number, like 120" }).waitFor();
    assert.equal(await page.locator("#unit-question").count(), 0);
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.consoleErrors, []);
  } finally {
    await h.close();
  }
});
