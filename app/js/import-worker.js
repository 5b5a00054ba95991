// A module worker for one import of an Apple Health export (app/src/pages/import.rs through
// app/js/import.js). Copied to /pkg/import-worker.js by scripts/build.sh, next to the core package.
//
// In: {file, now, known} (`known`: the ids of the readings already stored). The file is read in
// slices and pushed through the core's streaming reader (hale_core::apple_health), so neither the
// file nor its XML is ever held. Out: any number of {progress: {done, total, records, memory}}
// (bytes read; records read; the WebAssembly memory in bytes), then {ok: true, preview, record,
// total, fresh, memory} (the preview and the Record as JSON text, how many readings, how many of
// them are not stored yet: the page parses nothing large until the person brings them in) or
// {ok: false, error}.
// Cancel is the page terminating this worker: nothing has been stored by then.
import init, { AppleHealthImport } from "./hale_core.js";

const ready = init({ module_or_path: new URL("./hale_core_bg.wasm", import.meta.url) });
// This worker's JavaScript heap in use, where the browser says (Chromium's performance.memory).
const heap = () => self.performance?.memory?.usedJSHeapSize ?? 0;
// Bytes read at a time: small enough to keep memory flat, large enough to keep the reader busy.
const SLICE = 4 << 20;

self.onmessage = async (event) => {
  const { file, now, known = [] } = event.data || {};
  try {
    const wasm = await ready;
    const reader = new AppleHealthImport(now);
    let at = 0;
    while (at < file.size) {
      const bytes = new Uint8Array(await file.slice(at, at + SLICE).arrayBuffer());
      at += bytes.length;
      const done = reader.push(bytes);
      self.postMessage({ progress: { done: at, total: file.size, records: reader.records(), memory: wasm.memory.buffer.byteLength, heap: heap() } });
      if (done) break;
    }
    const { record, preview } = JSON.parse(reader.finish());
    const memory = wasm.memory.buffer.byteLength;
    const stored = new Set(known);
    const fresh = record.observations.filter((o) => !stored.has(o.id)).length;
    self.postMessage({ ok: true, preview: JSON.stringify(preview), record: JSON.stringify(record), total: record.observations.length, fresh, memory, heap: heap() });
  } catch (err) {
    self.postMessage({ ok: false, error: typeof err === "string" ? err : String((err && err.message) || err) });
  }
};
