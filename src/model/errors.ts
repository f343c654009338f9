// Shared by every layer: the message is for a person, the stack is not.
/** A message for a person, with no stack: the CLI prints it and exits 1, the extension shows it. */
export class JournalError extends Error {
  override readonly name = 'JournalError';
}
