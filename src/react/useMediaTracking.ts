import { useMemo } from 'react'
import type { Properties } from '../core/types'
import { trackMedia } from '../core/events'
import { useCopilotContext } from './context'

export interface MediaOptions {
  /** "image", "video", "audio", ... */
  type: string
  /** The data type: "gif", "mp4", "wav", ... */
  subType?: string
  messageId?: string
  /** Default `agent`. */
  role?: string
  /** With an id, the media is sent once however often it is tracked. */
  id?: string
  properties?: Properties
}

/**
 * Media Generated: an image, video or audio produced by the model.
 *
 * @example
 * const media = useMediaTracking()
 * media.track({ type: 'image', subType: 'png', messageId: m.id, id: file.url })
 */
export function useMediaTracking(): { track(media: MediaOptions): void } {
  const { tracker, conversationId } = useCopilotContext('useMediaTracking()')
  return useMemo(() => ({ track: (media) => trackMedia(tracker, { ...media, conversationId }) }), [tracker, conversationId])
}
