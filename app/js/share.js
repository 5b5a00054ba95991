// JavaScript bindings only the full bundle's pages use (app/src/bindings.rs is their only caller):
// the clipboard, Web Share and printing.

// Copies text to the clipboard; resolves true when it was copied.
export async function haleCopy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (e) {
    return false;
  }
}

// Web Share: a link, or a file when `fileName` is given. Resolves "shared", "cancelled" or
// "unsupported" (then the page offers copy or download instead).
export async function haleShare(title, url, fileName, fileText) {
  let data = { title, url };
  if (fileName) {
    const file = new File([fileText], fileName, { type: "application/fhir+json" });
    data = { title, files: [file] };
  }
  if (!navigator.share || (navigator.canShare && !navigator.canShare(data))) return "unsupported";
  try {
    await navigator.share(data);
    return "shared";
  } catch (e) {
    return e && e.name === "AbortError" ? "cancelled" : "unsupported";
  }
}

// Opens the browser's print dialogue (its "Save as PDF" makes the PDF).
export function halePrint() {
  window.print();
}

// In the NHS App (app/js/nhsapp.js sets window.haleNhsApp): a file through its downloader, and
// calendar events through its calendar; false when not there (then the usual download).
export function haleNhsDownload(name, mime, text) {
  return Boolean(window.haleNhsApp && window.haleNhsApp.download(name, mime, text));
}

export function haleNhsCalendar(eventsJson) {
  return Boolean(window.haleNhsApp && window.haleNhsApp.addToCalendar(JSON.parse(eventsJson)));
}
