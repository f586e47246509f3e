"use client";
import { AnalyticsBrowser } from "@segment/analytics-next";
import type { AnalyticsClient } from "react-copilot-analytics";
import { teeAnalytics } from "react-copilot-analytics/devtools";
import { createMemoryAnalytics } from "react-copilot-analytics/testing";

// The Segment API host, set at build time. This app delivers to a local collector; in
// production leave it unset and AnalyticsBrowser loads your source's settings from Segment's CDN.
const apiHost = process.env.NEXT_PUBLIC_SEGMENT_API_HOST;
const writeKey = process.env.NEXT_PUBLIC_SEGMENT_WRITE_KEY ?? "test";

/** Shown by <CopilotEventLog> on a staging build (NEXT_PUBLIC_SHOW_EVENT_LOG=1). */
export const recorder = createMemoryAnalytics();
export const showEventLog = process.env.NEXT_PUBLIC_SHOW_EVENT_LOG === "1";

function load(): AnalyticsClient {
  const segment = apiHost
    ? AnalyticsBrowser.load(
        {
          writeKey,
          cdnSettings: {
            integrations: { "Segment.io": { apiKey: writeKey, apiHost, protocol: "http" } },
            metrics: { sampleRate: 0 },
          },
        },
        {
          integrations: {
            "Segment.io": { apiHost, protocol: "http", deliveryStrategy: { strategy: "batching", config: { size: 10, timeout: 1000, keepalive: true } } },
          },
          disableClientPersistence: true,
        },
      )
    : AnalyticsBrowser.load({ writeKey });
  return showEventLog ? teeAnalytics(segment, recorder) : segment;
}

/**
 * Loaded once, in the browser only: this module is also evaluated during server rendering, where
 * `analytics` is undefined (the provider then records in memory, and nothing is sent on a server).
 */
export const analytics: AnalyticsClient | undefined = typeof window === "undefined" ? undefined : load();
