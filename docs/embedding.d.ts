// The messages of Hale's host contract, version 1 (docs/embedding.md).

/** Every message Hale sends to its host. */
export interface HaleEnvelope {
  source: "hale";
  version: 1;
}

/** Sent to each allowed host origin when Hale starts in a frame. */
export interface HaleReady extends HaleEnvelope {
  type: "hale:ready";
  /** Hale's own version, e.g. "0.4.0". */
  hale_version: string;
  /** What this Hale supports: "resize", "red-flag", "navigate", "theme", "text-size". */
  features: string[];
  /** The route's name at start ("home", "log", "symptoms", …). */
  route: string;
}

/** The content's height in CSS pixels, on every change (after the handshake). */
export interface HaleResize extends HaleEnvelope {
  type: "hale:resize";
  height: number;
}

/** The page Hale shows, by the route's name only (never its parameters). */
export interface HaleNavigate extends HaleEnvelope {
  type: "hale:navigate";
  route: string;
}

/** The level of a red flag, most urgent first. */
export type HaleLevel = "emergency" | "urgent" | "soon" | "routine" | "self_care";
/** Who to contact. */
export type HaleService = "999" | "nhs_111" | "mental_health_crisis" | "maternity" | "gp" | "pharmacy" | "self_care";

/** A red flag was raised: the person was told to get help. Level and service only. */
export interface HaleRedFlag extends HaleEnvelope {
  type: "hale:red-flag";
  level: HaleLevel;
  service: HaleService;
  /** Only when the deploy configuration sets "reveal_rule_ids" (it can reveal pregnancy or suicidal thoughts). */
  rule_id?: string;
}

export type HaleMessage = HaleReady | HaleResize | HaleNavigate | HaleRedFlag;

/** Host → Hale: theme colours (#rgb or #rrggbb), text size (100–200, per cent). */
export interface HostConfig {
  version: 1;
  type: "hale:config";
  theme?: {
    primary?: string;
    primary_dark?: string;
    text?: string;
    background?: string;
    link_visited?: string;
  };
  text_size?: number;
}

/** Host → Hale: show a page by the route's name ("home", "log", "symptoms", "urgent"). */
export interface HostNavigate {
  version: 1;
  type: "hale:navigate";
  route: string;
}

export type HostMessage = HostConfig | HostNavigate;

/** The events <hale-frame> re-emits (detail: the message). */
export interface HaleFrameEventMap {
  "hale:ready": CustomEvent<HaleReady>;
  "hale:resize": CustomEvent<HaleResize>;
  "hale:navigate": CustomEvent<HaleNavigate>;
  "hale:red-flag": CustomEvent<HaleRedFlag>;
}
