// Hale inside a host portal's frame: the host contract of docs/embedding.md, version 1.
// Loaded by the boot script only when Hale is framed. Every message Hale sends is
// {source: "hale", version: 1, type, ...}; it never posts to "*".
//  - hale:ready goes to each allowed host origin in turn (the browser delivers it only where the
//    parent's origin matches); the first valid hale:config from an allowed origin fixes the host
//    for the session, and every later message whose origin or source is not that parent is ignored;
//  - hale:resize (content height) on every change; hale:navigate (the route's name, never its
//    parameters: a review route carries a share key); hale:red-flag (level and service only;
//    the rule id only when the deploy configuration allows it).
const VERSION = 1;
const FEATURES = ["resize", "red-flag", "navigate", "theme", "text-size"];
let host = null;
let config = { host_origins: [], reveal_rule_ids: false };

function send(type, fields, origin = host) {
  if (origin) window.parent.postMessage({ source: "hale", version: VERSION, type, ...fields }, origin);
}

// The route's name: "#/log/blood_pressure" is "log", "#/review/<token>" is "review".
function routeName() {
  return (location.hash.replace(/^#\/?/, "").split(/[/?]/)[0] || "home").replace(/[^a-z0-9_-]/gi, "");
}

// Theme colours and text size from the host (CSS custom properties of app/style/hale.css).
const THEME = { primary: "--blue", primary_dark: "--dark-blue", text: "--text", background: "--bg", link_visited: "--purple" };
function applyConfig(c) {
  const style = document.documentElement.style;
  for (const [key, prop] of Object.entries(THEME)) {
    const v = c.theme && c.theme[key];
    if (typeof v === "string" && /^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(v)) style.setProperty(prop, v);
  }
  const size = Number(c.text_size);
  if (size >= 100 && size <= 200) style.fontSize = size + "%";
}

let lastHeight = 0;
function reportHeight() {
  const h = Math.ceil(document.documentElement.scrollHeight);
  if (h !== lastHeight) {
    lastHeight = h;
    send("hale:resize", { height: h });
  }
}

let shownFlags = new Set();
function reportFlags(initial) {
  const now = (document.documentElement.getAttribute("data-hale-flags") || "").split(" ").filter(Boolean);
  for (const f of now) {
    if (shownFlags.has(f) && !initial) continue;
    const [level, service, rule] = f.split("/");
    send("hale:red-flag", config.reveal_rule_ids ? { level, service, rule_id: rule } : { level, service });
  }
  shownFlags = new Set(now);
}

function start() {
  new ResizeObserver(reportHeight).observe(document.documentElement);
  reportHeight();
  window.addEventListener("hashchange", () => send("hale:navigate", { route: routeName() }));
  new MutationObserver(() => reportFlags(false)).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ["data-hale-flags"],
  });
  reportFlags(true);
}

window.addEventListener("message", (event) => {
  if (event.source !== window.parent) return;
  const m = event.data;
  if (!m || typeof m !== "object" || m.version !== VERSION) return;
  if (host === null) {
    if (m.type !== "hale:config" || !config.host_origins.includes(event.origin)) return;
    host = event.origin;
    applyConfig(m);
    start();
    return;
  }
  if (event.origin !== host) return;
  if (m.type === "hale:config") applyConfig(m);
  if (m.type === "hale:navigate" && typeof m.route === "string" && /^[a-z_-]+$/.test(m.route)) {
    location.hash = m.route === "home" ? "#/" : `#/${m.route}`;
  }
});

// Where the data lives. A browser keeps a framed Hale's data apart for each site that frames it
// (Chrome, Firefox), Safari may clear it after 7 days without a visit, and a browser that blocks
// third-party storage keeps it from storing at all. When the page around Hale is on another host,
// Hale says so in plain words, with the way to keep a copy, and — where the browser has the Storage
// Access API — offers to use the data the person keeps in Hale itself: after a tap,
// document.requestStorageAccess({indexedDB: true}) gives a handle whose IndexedDB the store then
// opens (window.haleIdb, set by the boot script from storage() below). Once the person has agreed,
// the browser remembers it and later visits use that IndexedDB from the start. The core worker
// cannot reach the handle, so the page reads the record for it (window.haleStoredRecord).
// When nothing can be stored, the app's own alert says what is entered will be lost when the tab
// closes; this notice adds only the offer. Never silently lost, never silently split.

/** The host of the page around Hale when it is another host than Hale's, else "". */
function portalHost() {
  const ancestors = location.ancestorOrigins ? [...location.ancestorOrigins] : [];
  const top = ancestors.length ? ancestors[ancestors.length - 1] : document.referrer;
  try {
    const host = new URL(top).hostname;
    return host && host !== location.hostname ? host : "";
  } catch {
    return "";
  }
}

/** Whether this frame's own IndexedDB lets Hale store. */
function canStore() {
  return new Promise((resolve) => {
    try {
      const probe = indexedDB.open("hale-storage-probe");
      probe.onsuccess = () => {
        probe.result.close();
        indexedDB.deleteDatabase("hale-storage-probe");
        resolve(true);
      };
      probe.onerror = () => resolve(false);
    } catch {
      resolve(false);
    }
  });
}

function el(tag, props, ...children) {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}

/** Shows the notice (once): paragraphs, then the way to keep a copy. */
function notice(...paragraphs) {
  document.getElementById("hale-storage-notice")?.remove();
  const aside = el("aside", { id: "hale-storage-notice", className: "notice" }, ...paragraphs);
  aside.setAttribute("aria-label", "Where your data is kept");
  const backup = el("a", { href: "#/settings", textContent: "Back up your data" });
  const share = el("a", { href: "#/share", textContent: "share it with your care team" });
  aside.append(el("p", {}, "To keep a copy: ", backup, " or ", share, "."));
  const app = document.getElementById("app");
  document.body.insertBefore(aside, app && app.parentNode === document.body ? app : document.body.firstChild);
  return aside;
}

/** The offer to use the data kept in Hale itself, through the Storage Access API. */
function offer(host, stores) {
  const status = el("p", { role: "status" });
  const button = el("button", { type: "button", className: "button secondary", textContent: "Use my Hale data here" });
  button.addEventListener("click", () => {
    status.textContent = "Asking your browser…";
    document.requestStorageAccess({ indexedDB: true }).then(
      // The store opens its database once, at the start: start again with the handle.
      () => location.reload(),
      () => {
        status.textContent = stores
          ? `Your browser did not allow it. What you enter here stays kept for ${host} only.`
          : "Your browser did not allow it.";
      },
    );
  });
  return el(
    "div",
    {},
    el("p", {}, "If you also use Hale on its own on this device, your browser can let Hale use that data here instead. It will ask you first."),
    button,
    status,
  );
}

/** Promise the handle's indexedDB within `ms`, or reject (a browser that never answers). */
function granted(ms) {
  return Promise.race([
    document.requestStorageAccess({ indexedDB: true }).then((h) => h.indexedDB),
    new Promise((_, reject) => setTimeout(() => reject(new Error("no answer")), ms)),
  ]);
}

/**
 * Which IndexedDB the store opens: the one the Storage Access API gives, when the person has let
 * Hale use its own data here, else null (the frame's own). Shows the notice that fits.
 */
export async function storage() {
  const host = portalHost();
  if (!host) return null;
  const hasApi = typeof document.requestStorageAccess === "function";
  let state = "unsupported";
  if (hasApi) {
    try {
      state = (await navigator.permissions.query({ name: "storage-access" })).state;
    } catch {
      state = "prompt";
    }
  }
  if (state === "granted") {
    try {
      const factory = await granted(3000);
      const { readRecord, carryOver } = await import("/pkg/store-schema.js");
      window.haleStoredRecord = () => readRecord(factory);
      // What was entered here before, in this frame's own storage, moves to the person's data.
      let moved = "";
      try {
        const n = await carryOver(indexedDB, factory);
        if (n) moved = ` The ${n === 1 ? "entry" : `${n} entries`} you made here before ${n === 1 ? "is" : "are"} now with it.`;
      } catch {
        moved = ` What you entered here before could not be moved to it: it is still kept in this browser for ${host}.`;
      }
      ready(() =>
        notice(el("p", {}, `You are using Hale inside ${host}, with the data you keep in Hale itself on this device.${moved}`)),
      );
      return factory;
    } catch {
      // Fall through to the frame's own storage, and say where it is.
    }
  }
  const stores = await canStore();
  const offered = hasApi && state !== "denied";
  ready(() => {
    if (stores) {
      notice(
        el(
          "p",
          {},
          `You are using Hale inside ${host}. What you enter here is kept in this browser for ${host} only: ` +
            "Hale opened on its own, or inside another website, will not see it, and some browsers clear it " +
            "after a week without a visit.",
        ),
        ...(offered ? [offer(host, true)] : []),
      );
    } else if (offered) {
      // The app's own alert says what is entered will be lost when the tab closes.
      notice(offer(host, false));
    }
  });
  return null;
}

/** Runs `f` once the app's root is in the page (the notice goes above it). */
function ready(f) {
  if (document.getElementById("app") || document.readyState !== "loading") f();
  else document.addEventListener("DOMContentLoaded", f, { once: true });
}

fetch("/hale-config.json")
  .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`hale-config.json: ${r.status}`))))
  .then((c) => {
    config = c;
    const ready = { hale_version: document.documentElement.dataset.haleVersion || "", features: FEATURES, route: routeName() };
    for (const origin of config.host_origins) send("hale:ready", ready, origin);
  })
  .catch((e) => console.warn("Hale: embedding is off,", e.message));
