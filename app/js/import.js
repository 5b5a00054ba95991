// The import page's side of reading a large export (full bundle; app/src/pages/import.rs through
// app/src/bindings.rs): a worker of its own (/pkg/import-worker.js) reads the file in slices, so
// the page stays responsive, and Cancel ends that worker, so nothing is half-read or stored.
let current = null;

/**
 * Reads `file` (an Apple Health export) in the import worker at `nowIso`, calling
 * `onProgress(done, total)` in bytes as it goes. Resolves to JSON text: {ok: true, value} (the
 * worker's {"record", "preview"} JSON text), {ok: false, error}, or {ok: false, cancelled: true}.
 */
export function haleImportStart(file, nowIso, onProgress) {
  haleImportCancel();
  return new Promise((resolve) => {
    let worker;
    try {
      worker = new Worker("/pkg/import-worker.js", { type: "module" });
    } catch (e) {
      resolve(JSON.stringify({ ok: false, error: String(e) }));
      return;
    }
    const end = (answer) => {
      if (current && current.worker === worker) current = null;
      worker.terminate();
      resolve(JSON.stringify(answer));
    };
    current = { worker, cancel: () => end({ ok: false, cancelled: true }) };
    worker.onmessage = (event) => {
      const m = event.data || {};
      if (m.progress) {
        self.haleImportMemory = Math.max(self.haleImportMemory || 0, m.progress.memory || 0);
        onProgress(m.progress.done, m.progress.total);
      } else if (m.ok) {
        end({ ok: true, value: m.value });
      } else {
        end({ ok: false, error: m.error });
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      end({ ok: false, error: "Hale could not start reading the file." });
    };
    worker.postMessage({ file, now: nowIso });
  });
}

/** Stops the import being read, if any (its promise resolves as cancelled). */
export function haleImportCancel() {
  if (current) current.cancel();
}
