'use client'
/**
 * `react-copilot-analytics/devtools`: see every analytics call as it is sent. Kept out of the main
 * entry so production bundles never carry it.
 * @packageDocumentation
 */
export { CopilotEventLog, type CopilotEventLogProps } from '../devtools/CopilotEventLog'
export { teeAnalytics } from '../devtools/teeAnalytics'
export type { EventLogEntry } from '../devtools/eventLogStore'
export { createMemoryAnalytics, type MemoryAnalytics, type MemoryCall } from '../core/memoryAnalytics'
