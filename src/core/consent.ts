import type { CopilotAnalyticsErrorCode } from './errors'

/**
 * Whether analytics may be sent: `true` granted, `false` denied, `null` not decided yet, or a
 * function returning one of those or a promise of one (undecided until it settles).
 */
export type Consent = boolean | null | (() => boolean | null | PromiseLike<boolean | null>)

/** How many calls may wait for a decision; later ones are discarded (reported once). */
export const CONSENT_QUEUE_LIMIT = 1000

type Report = (code: CopilotAnalyticsErrorCode, subject: string, got: unknown) => void

/** One tracker's (so one provider's) consent decision, and the calls waiting for it. */
export interface ConsentGate {
  /** Takes the current `consent` option; the same value again does nothing, a new one is pending until decided. */
  update(consent: Consent): void
  /**
   * Whether a call may be sent or held now: false when denied, or when the queue is full (reported
   * once). Calls a consent function the first time there is something to send.
   */
  open(): boolean
  /** Sends now when granted, queues while pending, drops when denied. */
  hold(send: () => void): void
  /** While pending: how to undo a change made for a held call, run if consent is then denied. */
  undo(restore: () => void): void
  /**
   * For a provider: calls held when it unmounts before the decision are taken over by the next new
   * gate on the same key store (the provider remounted with a new `key`), in front of its own, so they
   * are neither lost nor sent twice; a gate mounted again (StrictMode) takes back only its own.
   * Returns the unmount.
   */
  mount(): () => void
}

// What gates whose provider unmounted before the decision left, by key store: [gate, sends, undos].
const parked = new WeakMap<object, [object, (() => void)[], (() => void)[]][]>()

export function createConsentGate(report: Report, owner: () => object): ConsentGate {
  let decision: boolean | null = true
  let source: unknown = true
  let queue: (() => void)[] = []
  let undos: (() => void)[] = []
  let round = 0
  let full = false
  let mounted: boolean | undefined
  const self = {}
  let evaluate: (() => void) | undefined

  const decide = (value: unknown) => {
    decision = value === null ? null : value === true
    if (decision === null) return
    const [sends, restores] = [queue, undos]
    queue = []
    undos = []
    full = false
    if (decision) sends.forEach((send) => send())
    else restores.reverse().forEach((restore) => restore())
  }

  const adopt = () => {
    const left = parked.get(owner())
    if (!left) return
    const taken = left.filter(([gate]) => mounted === undefined || gate === self)
    parked.set(
      owner(),
      left.filter((entry) => !taken.includes(entry)),
    )
    queue = taken.flatMap(([, sends]) => sends).concat(queue)
    undos = taken.flatMap(([, , restores]) => restores).concat(undos)
    if (decision !== null) decide(decision)
  }

  const state = () => {
    if (!mounted) adopt()
    evaluate?.()
    if (decision !== null || queue.length < CONSENT_QUEUE_LIMIT) return decision
    if (!full) (full = true), report('consent_queue_full', 'The consent queue', CONSENT_QUEUE_LIMIT)
    return false
  }

  return {
    update(consent) {
      if (consent === source) return
      source = consent
      decision = null
      const mine = ++round
      const failed = (error: unknown) => {
        report('consent_error', 'The consent prop', error)
        decide(false)
      }
      evaluate = () => {
        evaluate = undefined
        try {
          const result = typeof consent == 'function' ? consent() : consent
          if (result && typeof (result as PromiseLike<unknown>).then == 'function') {
            // Pending until it settles; only the latest call counts.
            ;(result as PromiseLike<unknown>).then(
              (value) => mine == round && decide(value),
              (error) => mine == round && failed(error),
            )
          } else decide(result)
        } catch (error) {
          failed(error)
        }
      }
      // A function is called only once there is something to send: never during server rendering.
      if (typeof consent != 'function' || queue.length) evaluate()
    },
    open: () => state() !== false,
    hold(send) {
      const now = state()
      if (now) send()
      else if (now === null) queue.push(send)
    },
    undo(restore) {
      if (decision === null) undos.push(restore)
    },
    mount() {
      adopt()
      mounted = true
      return () => {
        mounted = false
        parked.set(owner(), [...(parked.get(owner()) ?? []), [self, queue, undos]])
        queue = []
        undos = []
      }
    },
  }
}
