// Trusted Types (the CSP's `require-trusted-types-for 'script'`; docs/security.md): the browser
// hands every string bound for markup or a script URL to this default policy, which lets through
// only what Hale itself puts there and refuses everything else (the sink then throws). Markup: the
// empty string (the app clearing its root before it mounts) and the share page's QR code exactly
// as the core draws it (hale_core::summary::qr: one rect and one path of moves and unit squares).
// Script URLs: the service worker, the two workers and the NHS App's API, nothing else.
if (self.trustedTypes && trustedTypes.createPolicy) {
  const qr = /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"\/><path d="[Mhvz0-9,-]*" fill="#000"\/><\/svg>$/;
  const scripts = new Set([
    `${location.origin}/sw.js`,
    `${location.origin}/pkg/worker.js`,
    `${location.origin}/pkg/import-worker.js`,
    "https://www.nhsapp.service.nhs.uk/js/v2/nhsapp.js",
  ]);
  trustedTypes.createPolicy("default", {
    createHTML: (html) => (html === "" || qr.test(html) ? html : null),
    createScriptURL: (url) => (scripts.has(new URL(url, location.href).href) ? url : null),
  });
}

// Runs before the app starts (scripts/post-build.mjs puts it first in the boot script).
// In the NHS App (its user agent ends "nhsapp-android/<version>" or "nhsapp-ios/<version>"):
// embedded mode (no header or footer of Hale's own), printing hidden (the app's web view cannot
// print), no service worker, and the NHS App's JavaScript API (v2) loaded — only there, the one
// script the CSP allows from another origin — then Hale's bridge to it (app/js/nhsapp.js).
if (/nhsapp-(android|ios)\/[0-9.]+$/.test(navigator.userAgent)) {
  document.documentElement.classList.add("nhsapp");
  if (!/[?&]embed=1\b/.test(location.search)) {
    const search = location.search ? location.search + "&embed=1" : "?embed=1";
    history.replaceState(null, "", location.pathname + search + location.hash);
  }
  const api = document.createElement("script");
  api.src = "https://www.nhsapp.service.nhs.uk/js/v2/nhsapp.js";
  api.onload = () => import("/nhsapp.js");
  api.onerror = () => console.warn("Hale: the NHS App's JavaScript API could not be loaded");
  document.head.append(api);
}

// In a host portal's frame: the host contract (docs/embedding.md), loaded only there. It first
// says which IndexedDB the store opens (window.haleIdb, read by app/src/store/idb.rs), so the app
// waits for it: the one the Storage Access API gives a framed Hale the person has let use its own
// data, or none (the frame's own). Never more than 5 seconds.
if (window.parent !== window) {
  window.haleIdb = await Promise.race([
    import("/embed.js").then((m) => m.storage(), () => null),
    new Promise((done) => setTimeout(done, 5000, null)),
  ]);
}

// Back from a practice's sign-in (app/js/care-team.js): the answer goes to the care-team page
// through sessionStorage, and out of the address bar, before the app starts.
try {
  const pending = /[?&]state=/.test(location.search) && sessionStorage.getItem("hale-smart-pending");
  if (pending) {
    sessionStorage.setItem("hale-smart-return", location.search);
    const back = JSON.parse(pending).back === "#/team" ? "#/team" : "#/connect";
    history.replaceState(null, "", location.pathname + back);
  }
} catch {
  // No sessionStorage: nothing is waiting.
}
