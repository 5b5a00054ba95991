// Hale service worker. Generated at build time by scripts/post-build.mjs from
// scripts/sw.template.js: the cache name and precache list come from the built files.
const CACHE = __CACHE_NAME__;
const PRECACHE = __PRECACHE__;

self.addEventListener("install", (event) => {
  // No skipWaiting here: a new version waits until the page offers "Update available — reload".
  // The deployment's configuration too, when it has one (see the fetch handler).
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE).then(() => cache.add("/hale-config.json").catch(() => {}))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("hale-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "hale:skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return; // Hale never requests other origins.
  if (request.mode === "navigate") {
    // The app shell, whatever the query (?embed=1) or hash (#/review/...).
    event.respondWith(
      caches.open(CACHE).then((cache) =>
        cache.match("/index.html").then((hit) => hit || fetch(request)),
      ),
    );
    return;
  }
  if (url.pathname === "/hale-config.json") {
    // The deployment's configuration (which portals may frame Hale) is not a built file: the
    // network's answer when there is one (a deployment may change it), else the last one kept,
    // so an embedded Hale still greets its portal offline.
    event.respondWith(
      caches.open(CACHE).then((cache) =>
        fetch(request)
          .then((response) => {
            if (response.ok) cache.put("/hale-config.json", response.clone());
            return response;
          })
          .catch(() => cache.match("/hale-config.json").then((hit) => hit || Response.error())),
      ),
    );
    return;
  }
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request)),
    ),
  );
});
