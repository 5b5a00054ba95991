// The first load's JavaScript bindings (app/src/bindings.rs is their only caller): the core worker
// and handing over from the lite bundle to the full one. The clipboard, Web Share and printing,
// which only full-bundle pages use, are in app/js/share.js (not part of the first load).

// The same package in a module worker (/pkg/worker.js), for work that must not hold up the page:
// assessing the whole stored record for the dashboard's score and rechecks.
let worker = null;
let seq = 0;
const pending = new Map();

function failAll(message) {
  for (const { reject } of pending.values()) reject(message);
  pending.clear();
  worker = null;
}

export function haleWorkerCall(name, a, b) {
  if (!worker) {
    try {
      worker = new Worker("/pkg/worker.js", { type: "module" });
    } catch (e) {
      return Promise.reject(String(e));
    }
    worker.onmessage = (event) => {
      const { id, ok, value, error } = event.data;
      const p = pending.get(id);
      if (!p) return;
      pending.delete(id);
      ok ? p.resolve(value) : p.reject(error);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      failAll("Hale could not start its background worker.");
    };
  }
  // A framed Hale storing through the Storage Access API reads the record on the page (embed.js).
  const record = name.endsWith("Stored") && self.haleStoredRecord ? self.haleStoredRecord() : undefined;
  return Promise.resolve(record).then(
    (record) =>
      new Promise((resolve, reject) => {
        const id = ++seq;
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, name, args: b === undefined ? [a] : [a, b], record });
      }),
  );
}

// Back online: the outbox (in the worker, app/js/outbox.mjs) sends what waited.
addEventListener("online", () => worker && haleWorkerCall("outboxFlush", new Date().toISOString()).catch(() => {}));

// The IndexedDB the store opens (app/src/store/idb.rs): in a portal's frame, what the boot script
// put at window.haleIdb (app/js/boot-first.js, app/js/embed.js); otherwise none (the window's own).
export const haleIdb = () => Promise.resolve(self.haleIdb);

// Hands the page over from the lite bundle to the full one: load it, unmount lite, start full.
let handing = null;
export function handOver() {
  if (!handing) {
    // Initialising the module runs its main, which unmounts lite and mounts the full app.
    // Its styles come first (app/style/hale-full.css), so its pages never show unstyled.
    const styles = new Promise((done) => {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = "/full/hale-full.css";
      link.onload = link.onerror = done;
      document.head.append(link);
    });
    handing = styles
      .then(() => import("/full/hale-app-full.js"))
      .then((m) => m.default({ module_or_path: "/full/hale-app-full_bg.wasm" }));
    // A failed hand-over can be tried again (the page says so, from the promise's rejection).
    handing.catch(() => {
      handing = null;
    });
  }
  return handing;
}
