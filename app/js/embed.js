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

fetch("/hale-config.json")
  .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`hale-config.json: ${r.status}`))))
  .then((c) => {
    config = c;
    const ready = { hale_version: document.documentElement.dataset.haleVersion || "", features: FEATURES, route: routeName() };
    for (const origin of config.host_origins) send("hale:ready", ready, origin);
  })
  .catch((e) => console.warn("Hale: embedding is off,", e.message));
