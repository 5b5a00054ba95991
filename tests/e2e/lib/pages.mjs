// Page objects: the locators several tests use, named once, so a change of wording or layout is
// made here and a test reads as what a person does ("save the reading", "the summary").
// Locators are by role and accessible name wherever the page offers one (what a screen reader
// announces), by id only for the result regions the app reveals after an action.

/** The main headings of the pages the tests visit, as people read them. */
export const H1 = {
  dashboard: "Your health today",
  emergency: "This is an emergency",
  noEmergency: "No emergency right now",
  profile: "About you",
  symptoms: "How are you feeling?",
  review: "Shared health summary",
  logBloodPressure: "Log blood pressure",
};

/** A page's main heading by name. */
export function heading(page, name) {
  return page.getByRole("heading", { level: 1, name });
}

/** Whatever main heading the page shows. */
export function mainHeading(page) {
  return page.locator("main h1");
}

/** The reading form (log and edit pages): its fields, Save, and the result revealed after Save. */
export function readingForm(page) {
  return {
    systolic: page.getByLabel("Systolic (top number) (mmHg)"),
    diastolic: page.getByLabel("Diastolic (bottom number) (mmHg)"),
    glucose: page.getByLabel("Glucose (mmol/L)"),
    saveButton: page.getByRole("button", { name: "Save reading" }),
    /** The region the answer appears in after Save (scrolled into view and focused). */
    result: page.locator("#save-result"),
    /** Fills systolic and diastolic and saves. */
    async logBloodPressure(systolic, diastolic) {
      await this.systolic.fill(String(systolic));
      await this.diastolic.fill(String(diastolic));
      await this.saveButton.click();
    },
  };
}

/** The profile page's form ("About you"). */
export function profileForm(page) {
  return {
    dateOfBirth: page.getByLabel("Date of birth"),
    height: page.getByLabel("Height (cm)"),
    peakFlowBest: page.getByLabel("Personal best peak flow (L/min)"),
    addMedicine: page.getByRole("button", { name: "Add a medicine" }),
    saveButton: page.getByRole("button", { name: "Save" }),
  };
}

/** The symptoms page's Save. */
export function symptomsForm(page) {
  return { saveButton: page.getByRole("button", { name: "Save symptoms" }) };
}

/** A shared summary as shown on the share page's preview, the review page and the printout. */
export function summaryView(page) {
  return page.locator("article.summary");
}
