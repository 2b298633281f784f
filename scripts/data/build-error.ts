/** A failure the user can act on: the message (Chinese, for bureau staff) says what and where. */
export class BuildError extends Error {
  override readonly name = 'BuildError';
}
