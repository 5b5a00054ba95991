// The import page's side of reading a large export (full bundle; app/src/pages/import.rs through
// app/src/bindings.rs): a worker of its own (/pkg/import-worker.js) reads the file in slices, so
// the page stays responsive, and Cancel ends that worker, so nothing is half-read or stored.
let current = null;

/**
 * Reads `file` (an Apple Health export) in the import worker at `nowIso`, calling
 * `onProgress(done, total)` in bytes as it goes; `knownJson` lists the ids already stored. Resolves
 * to an object: {ok: true, preview, record, total, fresh} (the preview and the Record as JSON
 * text), {ok: false, error}, or {ok: false, cancelled: true}.
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
    const end = (answer) => {
      if (current && current.worker === worker) current = null;
      worker.terminate();
      resolve(answer);
    };
    current = { worker, cancel: () => end({ ok: false, cancelled: true }) };
    worker.onmessage = (event) => {
      const m = event.data || {};
      if (m.progress) {
        // The worker's memory at its largest (read by scripts/bench-import.mjs).
        self.haleImportMemory = Math.max(self.haleImportMemory || 0, m.progress.memory || 0);
        self.haleImportHeap = Math.max(self.haleImportHeap || 0, m.progress.heap || 0);
        onProgress(m.progress.done, m.progress.total);
      } else if (m.ok) {
        self.haleImportMemory = Math.max(self.haleImportMemory || 0, m.memory || 0);
        self.haleImportHeap = Math.max(self.haleImportHeap || 0, m.heap || 0);
        end(m);
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

/** Stops the import being read, if any (its promise resolves as cancelled). */
export function haleImportCancel() {
  if (current) current.cancel();
}
