// Service-worker registration and the update prompt. Appended to Trunk's start-up script by
// scripts/post-build.mjs (so it is an external, same-origin script, as the CSP requires).
// The app listens for "hale:update-available" and shows "Update available — reload"; its button
// dispatches "hale:apply-update".
// Not in the NHS App, whose web view Hale works in without one (app/js/boot-first.js).
if ("serviceWorker" in navigator && !document.documentElement.classList.contains("nhsapp")) {
  const announce = (worker) => {
    window.haleUpdateWaiting = worker;
    window.dispatchEvent(new CustomEvent("hale:update-available"));
  };
  navigator.serviceWorker
    .register("/sw.js", { scope: "/" })
    .then((reg) => {
      if (reg.waiting && navigator.serviceWorker.controller) announce(reg.waiting);
      reg.addEventListener("updatefound", () => {
        const worker = reg.installing;
        if (!worker) return;
        worker.addEventListener("statechange", () => {
          if (worker.state === "installed" && navigator.serviceWorker.controller) announce(worker);
        });
      });
    })
    .catch((e) => {
      // Hale still works online; it just cannot be opened offline (the About page says so).
      console.warn("Hale: the service worker could not be registered", e);
    });
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (window.haleUpdateRequested && !reloading) {
      reloading = true;
      window.location.reload();
    }
  });
  window.addEventListener("hale:apply-update", () => {
    const worker = window.haleUpdateWaiting;
    window.haleUpdateRequested = true;
    if (worker) worker.postMessage({ type: "hale:skip-waiting" });
    else window.location.reload();
  });
}
