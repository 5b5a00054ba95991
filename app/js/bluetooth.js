// Bluetooth readings (full bundle; app/src/pages/import.rs through app/src/bindings.rs): a blood
// pressure cuff (GATT service 0x1810, Blood Pressure Measurement 0x2A35) or a weight scale (0x181D,
// Weight Measurement 0x2A9D), where the browser has Web Bluetooth (Chrome on Android and desktop).
// The bytes each measurement sends go to the page's Rust, which has the core read them
// (hale_core::ble); nothing is sent anywhere.
const DEVICES = {
  blood_pressure: { service: 0x1810, characteristic: 0x2a35 },
  weight: { service: 0x181d, characteristic: 0x2a9d },
};

/** Whether this browser can talk to Bluetooth devices at all. */
export function haleBluetoothAvailable() {
  return typeof navigator !== "undefined" && !!navigator.bluetooth && typeof navigator.bluetooth.requestDevice === "function";
}

/**
 * Asks the person to choose a device of `kind`, connects, and calls `onBytes(bytes, deviceName)` for
 * each measurement it sends (a cuff may send its stored readings in a burst). JSON:
 * {ok, name} or {ok: false, cancelled, error}.
 */
export async function haleBluetoothConnect(kind, onBytes) {
  const d = DEVICES[kind];
  if (!d) return JSON.stringify({ ok: false, cancelled: false, error: `unknown device kind ${kind}` });
  try {
    const device = await navigator.bluetooth.requestDevice({ filters: [{ services: [d.service] }] });
    const server = await device.gatt.connect();
    const service = await server.getPrimaryService(d.service);
    const characteristic = await service.getCharacteristic(d.characteristic);
    characteristic.addEventListener("characteristicvaluechanged", (event) => {
      const v = event.target.value;
      onBytes(new Uint8Array(v.buffer, v.byteOffset, v.byteLength).slice(), device.name || "");
    });
    await characteristic.startNotifications();
    return JSON.stringify({ ok: true, name: device.name || "" });
  } catch (e) {
    return JSON.stringify({ ok: false, cancelled: !!e && e.name === "NotFoundError", error: String((e && e.message) || e) });
  }
}
