// <hale-frame>: Hale in a host portal's page, with the handshake, resizing and Hale's messages
// re-emitted as DOM events (docs/embedding.md). Plain JavaScript, no build step:
//   <script src="https://hale.example/hale-frame.js"></script>
//   <hale-frame src="https://hale.example/?embed=1" theme-primary="#005eb8" text-size="112.5"
//               title="Hale: your health"></hale-frame>
//   document.querySelector("hale-frame").addEventListener("hale:red-flag", (e) => e.detail.level);
// Events: hale:ready, hale:resize, hale:navigate, hale:red-flag (detail: the message).
// Methods: navigate(route) asks Hale to show a page by name ("home", "log", "symptoms").
(() => {
  if (customElements.get("hale-frame")) return;
  const THEME = ["primary", "primary_dark", "text", "background", "link_visited"];
  class HaleFrame extends HTMLElement {
    connectedCallback() {
      if (this.frame) return;
      const src = new URL(this.getAttribute("src"), location.href);
      this.origin = src.origin;
      this.frame = document.createElement("iframe");
      this.frame.src = src.href;
      this.frame.title = this.getAttribute("title") || "Hale";
      this.frame.style.cssText = "width:100%;border:0;display:block;height:" + (this.getAttribute("height") || "600") + "px";
      this.onMessage = (event) => {
        if (event.origin !== this.origin || event.source !== this.frame.contentWindow) return;
        const m = event.data;
        if (!m || m.source !== "hale" || m.version !== 1 || typeof m.type !== "string") return;
        if (m.type === "hale:ready") this.post({ type: "hale:config", ...this.config() });
        if (m.type === "hale:resize" && m.height > 0) this.frame.style.height = m.height + "px";
        this.dispatchEvent(new CustomEvent(m.type, { detail: m }));
      };
      window.addEventListener("message", this.onMessage);
      this.appendChild(this.frame);
    }
    disconnectedCallback() {
      window.removeEventListener("message", this.onMessage);
      this.frame?.remove();
      this.frame = null;
    }
    config() {
      const theme = {};
      for (const k of THEME) {
        const v = this.getAttribute("theme-" + k.replace("_", "-"));
        if (v) theme[k] = v;
      }
      const size = Number(this.getAttribute("text-size"));
      return { theme, ...(size ? { text_size: size } : {}) };
    }
    post(m) {
      this.frame?.contentWindow?.postMessage({ version: 1, ...m }, this.origin);
    }
    navigate(route) {
      this.post({ type: "hale:navigate", route });
    }
  }
  customElements.define("hale-frame", HaleFrame);
})();
