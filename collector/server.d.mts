// Types for server.mjs (kept by hand so TypeScript tests can import the plain-JS collector).
import type { Server } from 'node:http'

export declare const MAX_EVENT_BYTES: number
export declare const MAX_BATCH_BYTES: number
export declare const SINGLE_ENDPOINTS: Record<'t' | 'i' | 'p' | 'g' | 'a' | 's', string>
/** How long a messageId is remembered for dedupe: 24 hours, Segment's documented minimum. */
export declare const DEDUPE_WINDOW_MS: number

/** An event as posted, plus `_path` and `_retryCount` (the X-Retry-Count header) as received. */
export type SegmentEvent = Record<string, any>

export interface RequestLog {
  path: string
  status: number | 'dropped'
  events: number
  retryCount: number
  bytes: number
}

export interface CollectorStats {
  /** Tracking requests received (control and preflight requests excluded). */
  requests: number
  accepted: number
  /** Answered 4xx/5xx. */
  rejected: number
  /** Connections cut without an answer. */
  dropped: number
  /** Events in accepted requests, duplicates included. */
  received: number
  /** Distinct top-level messageIds stored. */
  unique: number
  /** received - unique. */
  duplicates: number
  /** Requests rejected for size (400). */
  tooLarge: number
}

export interface Collector {
  readonly server: Server
  url: string
  listen(): Promise<{ url: string; apiHost: string; port: number }>
  close(): Promise<void>
  /** The unique events so far, in arrival order: a copy, which later events do not change. */
  readonly events: SegmentEvent[]
  /** The tracking requests so far: a copy. */
  readonly requests: RequestLog[]
  timesSeen(messageId: string): number
  /** The dedupe view: each messageId that arrived more than once, how often, the copy kept (the first) and the copies dropped. */
  duplicates(): { messageId: string; times: number; event: SegmentEvent; dropped: SegmentEvent[] }[]
  stats(): CollectorStats
  fail(options?: { status?: number; times?: number; retryAfter?: number }): void
  delay(options?: { ms?: number; times?: number }): void
  drop(options?: { times?: number; afterStore?: boolean }): void
  reset(): void
  subscribe(listener: (event: SegmentEvent) => void): () => void
  /** Resolves with a copy of the events once `predicate` holds for them. */
  waitFor(predicate: (events: SegmentEvent[]) => boolean, timeout?: number): Promise<SegmentEvent[]>
}

export declare function createCollector(options?: {
  port?: number
  host?: string
  log?: (line: string) => void
  /** How long a messageId is remembered (default DEDUPE_WINDOW_MS, 24 h): a copy within it is dropped, one after it kept. */
  dedupeWindowMs?: number
  /** The clock, for tests. */
  now?: () => number
}): Collector
