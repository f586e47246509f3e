import { createElement, useEffect, useMemo, useState, type ReactNode } from 'react'
import { segmentCopilot } from '../specs/segmentCopilot'
import { createTrackerBase, type TrackerBase } from '../core/tracker'
import type { CopilotAnalyticsError } from '../core/errors'
import type { AnalyticsClient, CopilotSpec, Properties } from '../core/types'
import type { PrivacyOptions } from '../core/privacy'
import type { Consent } from '../core/consent'
import type { MessageIds } from '../core/options'
import { randomId } from '../core/randomId'
import { CopilotAnalyticsContext } from './context'
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect'

export interface CopilotAnalyticsProviderProps {
  /** `AnalyticsBrowser`, `window.analytics` or any client with track/identify. Default: a client that drops every call (nothing leaves the page). */
  analytics?: AnalyticsClient
  /**
   * Default: a generated UUID, stable for the provider's life, drawn during the first render. A
   * server prerender that must not draw random values (Next.js `cacheComponents`) needs one given.
   */
  conversationId?: string
  /** Identify goes before the client's first track call, and again whenever the userId (or anonymousId when there is no userId) changes. */
  userId?: string | null
  anonymousId?: string | null
  traits?: Properties
  /** Merged into every track call, e.g. `{ assistantId: 'support-bot' }`. */
  properties?: Properties
  /** Screeb's `session_id`. Default: an id kept for the browser tab (sessionStorage). */
  sessionId?: string
  /** The vocabulary; default Segment AI Copilot. An array fans out to each. */
  spec?: CopilotSpec | readonly CopilotSpec[]
  /** Send Conversation Ended when the provider unmounts. Default false. */
  endOnUnmount?: boolean
  /** Send Conversation Ended when the page goes away (tab closed, reload, navigation: `beforeunload`, then `pagehide`); a tab switch does not end it. Default false. */
  endOnPageHide?: boolean
  /**
   * What may leave the page: `captureBodies` (default true), `redact(text, field)` applied to every
   * string property (e.g. the built-in `redactPII`), `maxBodyBytes` (default 16 KB).
   */
  privacy?: PrivacyOptions
  /**
   * This provider's consent. `true` (the default) sends; `null` (undecided) queues in memory, in order;
   * `false` sends nothing and discards the queue. A function is called when there is first something to
   * send after the prop changes, and may return a promise: pending until it settles.
   */
  consent?: Consent
  /** Bad input and client failures. Default: console.warn in development, silent in production. */
  onError?: (error: CopilotAnalyticsError) => void
  /** Deterministic Segment `messageId`s: `deterministicMessageIds()` from `react-copilot-analytics/dedupe`. Default: random ones. */
  messageIds?: MessageIds
  children?: ReactNode
}

// The conversation of each provider mounted on the page, once per provider (providers of one
// conversation share its state in the page's key store).
const mounted: string[] = []

/**
 * Wrap your chat UI in it: every hook and tracked component below reports through it.
 *
 * @example
 * import { AnalyticsBrowser } from '@segment/analytics-next'
 * const analytics = AnalyticsBrowser.load({ writeKey: 'YOUR_WRITE_KEY' })
 *
 * <CopilotAnalyticsProvider analytics={analytics} userId={user.id} properties={{ assistantId: 'support-bot' }}>
 *   <Chat />
 * </CopilotAnalyticsProvider>
 */
export function CopilotAnalyticsProvider(props: CopilotAnalyticsProviderProps) {
  // Made once per provider: the fallback client and the tracker (and the fallback id, when needed).
  // The fallback keeps nothing: no one can read it, so a recorder would only grow. It is this
  // provider's own object, so identity (remembered per client) is not shared with other providers.
  const [own] = useState((): { analytics: AnalyticsClient; tracker: TrackerBase; id?: string } => {
    const analytics: AnalyticsClient = { track() {}, identify() {} }
    return { analytics, tracker: createTrackerBase({ analytics }, segmentCopilot) }
  })
  const { tracker } = own
  const given: unknown = props.conversationId
  // An id that is not a string would collide in the exactly-once keys ("[object Object]") or throw (a Symbol).
  const valid = typeof given === 'string' || typeof given === 'number'
  // Drawn only when no id is given: a prerender (Next.js cacheComponents) must not draw random values.
  const conversationId = (valid && '' + given) || (own.id ||= randomId())
  // Hand the tracker this render's props during render, not in an effect. Children's effects run
  // before the provider's own, and they send events (a message in its layout effect, feedback in
  // useEffect): configured in an effect, those events would carry the previous render's
  // `properties`, `consent` or `spec`. Events read the props when sent, so unmemoised objects
  // (`properties={{ ... }}`, an inline `onError`) never re-run an effect. Unknown props are ignored.
  tracker.configure({ ...props, conversationId, analytics: props.analytics ?? own.analytics })

  // Calls waiting for consent when the provider unmounts go to its remount (a new `key`, the same
  // conversationId, which is what the two have in common): a layout effect, so that they are handed
  // over before the remount's messages (layout effects too) are tracked.
  useIsomorphicLayoutEffect(tracker.mount, [tracker])
  useEffect(tracker.syncIdentity, [tracker, props.userId, props.anonymousId])
  useEffect(() => {
    if (!valid && given != null) tracker.report('invalid_id', process.env.NODE_ENV !== 'production' ? 'The conversationId prop' : '', given)
  }, [tracker, given])

  const { endOnUnmount, endOnPageHide } = props
  useEffect(() => {
    mounted.push(conversationId)
    const end = () => tracker.end(conversationId)
    // analytics-next hands events to its Segment.io destination in a setTimeout, which usually never
    // runs once `pagehide` has fired, so an event tracked there is usually lost. `beforeunload` (tab
    // close, reload, navigation) comes a task earlier: its event reaches the batch buffer before the
    // page-hide flush (test/e2e probes both). `pagehide` stays for clients that send at once and
    // browsers without beforeunload. A tab switch fires neither, so it never ends the conversation.
    if (endOnPageHide) {
      addEventListener('beforeunload', end, true)
      addEventListener('pagehide', end, true)
    }
    return () => {
      mounted.splice(mounted.indexOf(conversationId), 1)
      // Only touch page listeners when asked: React Native and bare DOM shims have none.
      if (endOnPageHide) {
        removeEventListener('beforeunload', end, true)
        removeEventListener('pagehide', end, true)
      }
      // StrictMode unmounts and remounts at once, and so does a provider whose `key` changes (a
      // new instance) or one of these props: only end if no provider of this conversation is
      // mounted by the next microtask.
      if (endOnUnmount) queueMicrotask(() => mounted.includes(conversationId) || end())
    }
  }, [tracker, conversationId, endOnUnmount, endOnPageHide])

  const value = useMemo(() => ({ tracker, conversationId }), [tracker, conversationId])
  return createElement(CopilotAnalyticsContext.Provider, { value }, props.children)
}
declare const process: { env: { NODE_ENV?: string } }
