/// <reference types="vite/client" />
import { useState } from 'react'
import { AnalyticsBrowser } from '@segment/analytics-next'
import type { AnalyticsClient } from '../../src/entries'
import { createMemoryAnalytics, teeAnalytics, type MemoryAnalytics } from '../../src/entries/devtools'

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

/** Everything one story render runs on. */
export interface Demo extends DemoAnalytics {
  conversationId: string
  /** For stories with a second conversation. */
  secondId: string
}

const newDemo = (): Demo => ({ ...createDemoAnalytics(), conversationId: freshId('conv'), secondId: freshId('conv') })

/** Storybook loader: each story render gets its own recorder and conversation ids, read back with {@link demoOf}. */
export const demoLoaders = [async () => ({ demo: newDemo() })]

/** The loader's demo, for a play function. */
export function demoOf(context: { loaded: Record<string, unknown> }): Demo {
  return context.loaded.demo as Demo
}

/**
 * The loader's demo; a story rendered without its loaders (a plain `<Story />` from
 * composeStories) gets one of its own, kept for as long as it stays mounted.
 */
export function useDemo(loaded: Record<string, unknown> | undefined): Demo {
  const [demo] = useState(() => (loaded?.demo as Demo | undefined) ?? newDemo())
  return demo
}
