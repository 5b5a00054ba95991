// Hale inside the NHS App (docs/embedding.md, "The NHS App"). Loaded by the boot script only when
// the user agent ends "nhsapp-android/<version>" or "nhsapp-ios/<version>", after the NHS App's own
// JavaScript API (v2). Only functions that exist are called. Sets, for the app's Rust code:
//   window.haleNhsApp = { download(name, mime, text) → bool, addToCalendar(events) → bool }
const api = window.nhsapp;
const fn = (...paths) => {
  for (const p of paths) {
    const f = p.split(".").reduce((o, k) => (o == null ? undefined : o[k]), api);
    if (typeof f === "function") return f;
  }
  return null;
};

// Files (backup, FHIR, the summary) through the app's downloader, as base64.
const downloadFromBytes = fn("storage.downloadFromBytes", "downloadFromBytes");
// The recheck plan as calendar events rather than an .ics download.
const addEventToCalendar = fn("storage.addEventToCalendar");
window.haleNhsApp = {
  download(name, mime, text) {
    if (!downloadFromBytes) return false;
    const bytes = new TextEncoder().encode(text);
    let bin = "";
    for (const b of bytes) bin += String.fromCharCode(b);
    downloadFromBytes.call(api.storage ?? api, btoa(bin), name, mime);
    return true;
  },
  addToCalendar(events) {
    if (!addEventToCalendar) return false;
    for (const e of events) addEventToCalendar.call(api.storage, e.subject, e.body, "", e.start, e.end);
    return true;
  },
};

// Links that leave Hale open in the app's browser overlay (tel: links stay with the phone).
const overlay = fn("navigation.openBrowserOverlay");
document.addEventListener(
  "click",
  (event) => {
    const a = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!a || !overlay) return;
    const url = new URL(a.href, location.href);
    if ((url.protocol === "https:" || url.protocol === "http:") && url.origin !== location.origin) {
      event.preventDefault();
      overlay.call(api.navigation, url.href);
    }
  },
  true,
);

// The app's Back: to Hale's first page, and from there back to the NHS App's home.
const setBack = fn("navigation.setBackAction");
const goHome = fn("navigation.goToHomePage", "navigation.goToHomepage");
if (setBack) {
  setBack.call(api.navigation, () => {
    const atFirst = location.hash === "" || location.hash === "#/" || location.hash === "#";
    if (atFirst && goHome) goHome.call(api.navigation);
    else location.hash = "#/";
  });
}
