import { useMemo } from 'react'
import type { MediaInput } from '../core/tracker'
import { trackMedia } from '../core/events'
import { useCopilotContext } from './context'

/** Generated media as the hook takes it: the core MediaInput, in the provider's conversation. */
export type MediaOptions = Omit<MediaInput, 'conversationId'>

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
