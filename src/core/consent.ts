import type { CopilotAnalyticsErrorCode } from './errors'

/**
 * Whether analytics may be sent: `true` granted, `false` denied, `null` not decided yet, or a
 * function returning one of those or a promise of one (undecided until it settles).
 */
export type Consent = boolean | null | (() => boolean | null | PromiseLike<boolean | null>)

/** How many calls may wait for a decision; later ones are discarded (reported once). */
export const CONSENT_QUEUE_LIMIT = 1000

type Report = (code: CopilotAnalyticsErrorCode, subject: string, got: unknown) => void

/** What waits for a decision: a call (sent if granted), or what a change needs once decided (its undoing if denied). */
type Waiting = (granted: boolean) => void

/** One tracker's (so one provider's) consent decision, and what waits for it. */
export interface ConsentGate {
  /** Takes the current `consent` option; the same value again does nothing, a new one is pending until decided. */
  update(consent: Consent): void
  /**
   * Whether a call may be sent or held now: false when denied, or when the queue is full (reported
   * once). A consent function is called here, the first time there is something to send.
   */
  open(): boolean
  /** Sends now when granted, queues while pending, drops when denied. */
  hold(send: () => void): void
  /**
   * Runs `then` with the decision: now when decided, else once it is, in order with the calls (a
   * denial runs what waits newest first, so that changes made for held calls are undone in reverse).
   */
  settle(then: Waiting): void
  /**
   * For a provider's layout effect. What waits when it unmounts is taken over by its remount (a new
   * `key`): the next new gate on the same key store whose owner shows the same conversation, in front
   * of its own calls, so it is neither lost nor sent twice. Never by another provider, whatever its
   * consent: until taken over it follows its own decision. Returns the unmount.
   */
  mount(): () => void
}

// The gates whose provider unmounted, by key store: each one's `give` hands what waits to its remount.
const unmounted = new WeakMap<object, Set<(to: unknown) => Waiting[]>>()

/** `owner` is the tracker's options: its `conversationId` (set by a provider) is what a remount has in common. */
export function createConsentGate(report: Report, store: () => object, owner: { conversationId?: string }): ConsentGate {
  let decision: boolean | null = true
  let source: unknown = true
  let queue: Waiting[] = []
  let calls = 0
  let fresh = true
  let evaluate: (() => void) | undefined
  const others = () => unmounted.get(store()) ?? unmounted.set(store(), new Set()).get(store())!
  const take = () => {
    calls = 0
    return queue.splice(0)
  }
  // Calls belong to a conversation: only a gate of the same one takes them, once.
  const give = (to: unknown) => (to === owner.conversationId && others().delete(give) ? take() : [])

  const decide = (value: unknown) => {
    decision = value === null ? null : value === true
    // Granted: the calls, in order. Denied: the changes undone, newest first.
    if (decision !== null) for (const entry of decision ? take() : take().reverse()) entry(decision)
  }

  // A new gate (a remount) takes over, in front of its own, what its unmounted gates left waiting.
  // Once, at the first call or the mount: what a remount takes over has unmounted by then (an
  // unmount runs before the mount effects of its commit). Walking every unmounted gate of the page
  // at each call until the mount cost a long history's mount 8% of its time.
  const adopt = () => {
    if (!fresh) return
    fresh = false
    const handed = [...others()].flatMap((other) => other(owner.conversationId))
    if (!handed.length) return
    queue = handed.concat(queue)
    decide(decision)
    evaluate?.() // calls taken over wait on this gate's consent when undecided: ask it now, not at the next call
  }

  const open = () => {
    adopt()
    evaluate?.()
    if (decision !== null || calls < CONSENT_QUEUE_LIMIT) return decision !== false
    // Reported once: only the first call refused finds the count at the limit.
    if (calls++ === CONSENT_QUEUE_LIMIT) report('consent_queue_full', process.env.NODE_ENV !== 'production' ? 'The consent queue' : '', CONSENT_QUEUE_LIMIT)
    return false
  }

  const settle = (then: Waiting) => {
    if (decision === null) queue.push(then)
    else then(decision)
  }

  return {
    update(consent) {
      if (consent === source) return
      source = consent
      decision = null
      evaluate = () => {
        evaluate = undefined
        try {
          const result = typeof consent === 'function' ? consent() : consent
          if (result && typeof (result as PromiseLike<unknown>).then === 'function') {
            // Pending until it settles; only the latest consent counts.
            ;(result as PromiseLike<unknown>).then(
              (value) => source === consent && decide(value),
              // A consent that fails is a denial (as below).
              (error) => source === consent && (report('consent_error', process.env.NODE_ENV !== 'production' ? 'The consent prop' : '', error), decide(false)),
            )
          } else decide(result)
        } catch (error) {
          report('consent_error', process.env.NODE_ENV !== 'production' ? 'The consent prop' : '', error)
          decide(false)
        }
      }
      // A function is called only once there is something to send: never during server rendering.
      if (typeof consent !== 'function' || queue.length) evaluate()
    },
    open,
    hold(send) {
      if (!open()) return
      if (decision === null) calls++
      settle((granted) => granted && send())
    },
    settle,
    mount() {
      adopt()
      others().delete(give) // mounted again (StrictMode): its calls were never handed over
      return () => others().add(give)
    },
  }
}

declare const process: { env: { NODE_ENV?: string } }
