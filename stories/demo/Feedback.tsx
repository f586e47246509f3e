import { useState } from 'react'
import { useFeedback } from '../../src/entries'

export interface ThumbsFeedbackProps {
  /** The message rated; omit to rate the whole conversation. */
  messageId?: string
  /** The rating a thumbs up sends. */
  upRating?: number
  /** The rating a thumbs down sends. */
  downRating?: number
  /** With reasons, a thumbs down then offers them and a comment box: sent as an update of that rating. */
  reasons?: readonly string[]
}

/** Thumbs up / down: Feedback Submitted with `upRating` or `downRating`; a change of mind sends again. */
export function ThumbsFeedback({ messageId, upRating = 1, downRating = 0, reasons }: ThumbsFeedbackProps) {
  const { submit, rating } = useFeedback(messageId)
  const [reason, setReason] = useState<string>()
  const [comment, setComment] = useState('')
  const [told, setTold] = useState(false)
  const thumbs = (
    <span role="group" aria-label="Was this helpful?" style={{ display: 'inline-flex', gap: 4 }}>
      <button type="button" aria-label="Thumbs up" aria-pressed={rating === upRating} onClick={() => submit(upRating)} style={thumb(rating === upRating)}>
        <Thumb />
      </button>
      <button type="button" aria-label="Thumbs down" aria-pressed={rating === downRating} onClick={() => submit(downRating)} style={thumb(rating === downRating)}>
        <Thumb down />
      </button>
    </span>
  )
  if (!reasons || rating !== downRating || told) return thumbs
  // Why not? The reason and the comment go with the same rating: Feedback Submitted again, as an update.
  return (
    <>
      {thumbs}
      <form
        aria-label="Why not?"
        style={{ display: 'flex', flexWrap: 'wrap', gap: 4, marginTop: 6, fontSize: 12 }}
        onSubmit={(e) => {
          e.preventDefault()
          submit(downRating, { reason, comment: comment.trim() || undefined })
          setTold(true)
        }}
      >
        {reasons.map((r) => (
          <button key={r} type="button" aria-pressed={reason === r} onClick={() => setReason(r)} style={thumb(reason === r)}>
            {r}
          </button>
        ))}
        <input aria-label="Comment" placeholder="Tell us more (optional)" value={comment} onChange={(e) => setComment(e.target.value)} style={{ flex: 1, minWidth: 120, font: 'inherit', padding: '2px 6px', border: '1px solid #d1d5db', borderRadius: 6 }} />
        <button type="submit" disabled={!reason && !comment.trim()} style={thumb(false)}>
          Send feedback
        </button>
      </form>
    </>
  )
}

/** An inline icon: emoji fonts are missing on many Linux machines (and in headless Chromium). */
function Thumb({ down = false }: { down?: boolean }) {
  return (
    <svg aria-hidden viewBox="0 0 24 24" width="14" height="14" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" style={{ display: 'block', transform: down ? 'rotate(180deg)' : undefined }}>
      <path d="M7 10v12" />
      <path d="M15 5.88 14 10h5.83a2 2 0 0 1 1.92 2.56l-2.33 8A2 2 0 0 1 17.5 22H4a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2h2.76a2 2 0 0 0 1.79-1.11L12 2a3.13 3.13 0 0 1 3 3.88Z" />
    </svg>
  )
}

const thumb = (pressed: boolean) => ({
  border: '1px solid ' + (pressed ? '#6366f1' : '#e5e7eb'),
  background: pressed ? '#eef2ff' : '#fff',
  color: pressed ? '#4338ca' : '#6b7280',
  borderRadius: 6,
  padding: '4px 7px',
  cursor: 'pointer',
})

export interface StarRatingProps {
  /** The message rated; omit to rate the whole conversation. */
  messageId?: string
  /** How many stars; the rating is checked against it (0..scale). */
  scale?: number
  label?: string
}

/** 1..scale stars: Feedback Submitted with the number of stars. */
export function StarRating({ messageId, scale = 5, label = 'Rate this conversation' }: StarRatingProps) {
  const { submit, rating } = useFeedback(messageId, { scale })
  const [hover, setHover] = useState(0)
  const lit = hover || rating || 0
  return (
    <span role="group" aria-label={label} style={{ display: 'inline-flex', alignItems: 'center', gap: 2 }} onMouseLeave={() => setHover(0)}>
      <span style={{ fontSize: 13, color: '#4b5563', marginRight: 6 }}>{label}</span>
      {Array.from({ length: scale }, (_, i) => i + 1).map((n) => (
        <button
          key={n}
          type="button"
          aria-label={`${n} star${n === 1 ? '' : 's'}`}
          aria-pressed={rating === n}
          onMouseEnter={() => setHover(n)}
          onClick={() => submit(n)}
          style={{ border: 0, background: 'none', padding: '0 1px', cursor: 'pointer', fontSize: 20, lineHeight: 1, color: n <= lit ? '#f59e0b' : '#d1d5db' }}
        >
          ★
        </button>
      ))}
    </span>
  )
}
