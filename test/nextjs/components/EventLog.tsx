"use client";
import { CopilotEventLog } from "react-copilot-analytics/devtools";
import { recorder, showEventLog } from "@/lib/analytics";

/** The live event log, on staging builds only: production bundles leave it out. */
export function EventLog() {
  return showEventLog ? <CopilotEventLog recorder={recorder} /> : null;
}
