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
// (Chrome, Firefox), and Safari may clear it after 7 days without a visit: say so in plain words,
// with the way to keep a copy, whenever the page around Hale is on another host and the browser
// lets Hale store at all. (When it does not, the app itself says its data will be lost when the
// tab closes: one message, never none, never two that disagree.)
function storageNotice() {
  const ancestors = location.ancestorOrigins ? [...location.ancestorOrigins] : [];
  const top = ancestors.length ? ancestors[ancestors.length - 1] : document.referrer;
  let host = "";
  try {
    host = new URL(top).hostname;
  } catch {
    return;
  }
  if (!host || host === location.hostname || document.getElementById("hale-storage-notice")) return;
  const aside = document.createElement("aside");
  aside.id = "hale-storage-notice";
  aside.className = "notice";
  aside.setAttribute("aria-label", "Where your data is kept");
  const p1 = document.createElement("p");
  p1.textContent =
    `You are using Hale inside ${host}. What you enter here is kept in this browser for ${host} only: ` +
    "Hale opened on its own, or inside another website, will not see it, and some browsers clear it " +
    "after a week without a visit.";
  const p2 = document.createElement("p");
  const backup = Object.assign(document.createElement("a"), { href: "#/settings", textContent: "Back up your data" });
  const share = Object.assign(document.createElement("a"), { href: "#/share", textContent: "share it with your care team" });
  p2.append("To keep a copy: ", backup, " or ", share, ".");
  aside.append(p1, p2);
  document.body.insertBefore(aside, document.getElementById("app"));
}
try {
  const probe = indexedDB.open("hale-storage-probe");
  probe.onsuccess = () => {
    probe.result.close();
    indexedDB.deleteDatabase("hale-storage-probe");
    storageNotice();
  };
} catch {
  // No IndexedDB in this frame: the app's own notice says so.
}

fetch("/hale-config.json")
  .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`hale-config.json: ${r.status}`))))
  .then((c) => {
    config = c;
    const ready = { hale_version: document.documentElement.dataset.haleVersion || "", features: FEATURES, route: routeName() };
    for (const origin of config.host_origins) send("hale:ready", ready, origin);
  })
  .catch((e) => console.warn("Hale: embedding is off,", e.message));
