import { isValidElement } from 'react'

// Content parts whose `text` (or `text.value`) is the message's: OpenAI's `text`, `input_text` and
// `output_text`, Anthropic's and the AI SDK's `text`. The others (images, files, tool calls,
// reasoning) show no text.
const TEXT_PARTS = ['text', 'input_text', 'output_text']

/**
 * The text of a message body: a string, a React node (the text it shows), or content parts as chat
 * APIs send them (`[{ type: 'text', text: 'Hi' }]`). Undefined when there is no body, and (never a
 * throw) when it holds something else (a plain object, a function, a revoked Proxy): the tracker
 * reports that body.
 */
export function textOf(node: unknown): string | undefined {
  try {
    if (node != null) return read(node) // no body: undefined
  } catch {
    // unreadable
  }
}

function read(node: any): string {
  // A Symbol throws here; a function is an object below, and neither node nor part.
  if (Object(node) !== node) return node == null || node === true || node === false ? '' : '' + node
  if (isValidElement<{ children?: unknown }>(node)) return read(node.props.children)
  if (Array.isArray(node)) return node.map(read).join('')
  if (typeof node.type !== 'string') throw node // neither a React node nor a content part
  return TEXT_PARTS.includes(node.type) ? read(node.text?.value ?? node.text) : ''
}
