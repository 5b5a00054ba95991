// The import page's side of reading a large export (full bundle; app/src/pages/import.rs through
// app/src/bindings.rs): a worker of its own (/pkg/import-worker.js) reads the file in slices, so
// the page stays responsive, keeps what it read until the person brings it in (and then stores it
// itself, in one transaction), and Cancel ends that worker, so nothing is half-read or stored.
let current = null;

/**
 * Reads `file` (an Apple Health export) in the import worker at `nowIso`, calling
 * `onProgress(done, total)` in bytes as it goes; `knownJson` lists the ids already stored. Resolves
 * to an object: {ok: true, preview, total, fresh} (the preview as JSON text), {ok: false, error},
 * or {ok: false, cancelled: true}. The worker stays, holding what it read, for haleImportStore.
 */
export function haleImportStart(file, nowIso, knownJson, onProgress) {
  haleImportCancel();
  return new Promise((resolve) => {
    let worker;
    try {
      worker = new Worker("/pkg/import-worker.js", { type: "module" });
    } catch (e) {
      resolve({ ok: false, error: String(e) });
      return;
    }
    const end = (answer, keep) => {
      if (!keep) {
        if (current && current.worker === worker) current = null;
        worker.terminate();
      }
      resolve(answer);
    };
    current = { worker, cancel: () => end({ ok: false, cancelled: true }) };
    worker.onmessage = (event) => {
      const m = event.data || {};
      if (m.progress) {
        // The worker's memory at its largest (read by scripts/bench-import.mjs).
        self.haleImportMemory = Math.max(self.haleImportMemory || 0, m.progress.memory || 0);
        onProgress(m.progress.done, m.progress.total);
      } else if (m.ok) {
        self.haleImportMemory = Math.max(self.haleImportMemory || 0, m.memory || 0);
        current.cancel = () => end({ ok: false, cancelled: true });
        end(m, true);
      } else {
        end({ ok: false, error: m.error });
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      end({ ok: false, error: "Hale could not start reading the file." });
    };
    worker.postMessage({ file, now: nowIso, known: JSON.parse(knownJson) });
  });
}

/**
 * Brings in what the worker read. Where the worker can reach Hale's storage (not in a portal's
 * frame using the person's own Hale data, app/js/embed.js), it stores the readings itself in one
 * transaction: resolves to {stored: n} once committed. Otherwise resolves to {record} (the Record as
 * JSON text) for the page to store. {error} when neither could be done. The worker then ends.
 */
// `key` (base64url, or empty): the passphrase lock's key, so the worker seals what it stores.
export function haleImportStore(key) {
  const c = current;
  if (!c) return Promise.resolve({ error: "Nothing has been read to bring in; choose the file again." });
  return new Promise((resolve) => {
    c.worker.onmessage = (event) => {
      const m = event.data || {};
      current = null;
      c.worker.terminate();
      resolve(m.ok === false ? { error: m.error } : m);
    };
    c.worker.postMessage({ store: true, record: !!self.haleIdb, key: key || "" });
  });
}

/** Stops the import being read, or lets go of what was read (its promise resolves as cancelled). */
export function haleImportCancel() {
  if (current) current.cancel();
}
