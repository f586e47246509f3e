// Stands for the reader's own chat UI in the documented examples (imported as './Chat').
export function Chat() {
  return null
}
