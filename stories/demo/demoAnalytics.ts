/// <reference types="vite/client" />
import { AnalyticsBrowser } from '@segment/analytics-next'
import type { AnalyticsClient } from '../../src'
import { createMemoryAnalytics, teeAnalytics, type MemoryAnalytics } from '../../src/devtools'

/** What every demo story runs on: a recorder for the log, and the client the provider is given. */
export interface DemoAnalytics {
  recorder: MemoryAnalytics
  analytics: AnalyticsClient
  /** True when calls also go to Segment (STORYBOOK_SEGMENT_WRITE_KEY is set). */
  live: boolean
}

// Storybook exposes STORYBOOK_* variables to the preview. Never under vitest: a test run must not
// send anything anywhere, whatever the developer's shell has exported.
const writeKey = import.meta.env.MODE === 'test' ? undefined : (import.meta.env.STORYBOOK_SEGMENT_WRITE_KEY as string | undefined)
let segment: AnalyticsBrowser | undefined

/**
 * A fresh recorder per story render. With STORYBOOK_SEGMENT_WRITE_KEY the calls are teed to one
 * page-wide AnalyticsBrowser (Segment's own advice: load it once), and the log still shows them.
 */
export function createDemoAnalytics(): DemoAnalytics {
  const recorder = createMemoryAnalytics()
  if (!writeKey) return { recorder, analytics: recorder, live: false }
  segment ??= AnalyticsBrowser.load({ writeKey })
  return { recorder, analytics: teeAnalytics(segment, recorder), live: true }
}

/** A short random id: conversation ids must be new on every load, because exactly-once keys outlive a reload. */
export const freshId = (prefix: string) => prefix + '-' + Math.random().toString(36).slice(2, 8)

/** Storybook loader: each story render gets its own recorder and conversation id, read back with {@link demoOf}. */
export const demoLoaders = [async () => ({ demo: createDemoAnalytics(), conversationId: freshId('conv') })]

export function demoOf(context: { loaded: Record<string, unknown> }): DemoAnalytics & { conversationId: string } {
  const { demo, conversationId } = context.loaded as { demo: DemoAnalytics; conversationId: string }
  return { ...demo, conversationId }
}
