/**
 * What fetching an answer may fail with besides a network failure, each
 * reported as its own kind. Their messages are ours, never a server's text.
 */

/** An answer arrived but cannot be used as HTTP: a status outside 200–599, a bad header, a body over the cap. */
export class InvalidResponseError extends Error {
  override readonly name = 'InvalidResponseError';
}

/** A redirect the client will not follow: too many, to another origin, or to something that is not http(s). */
export class RedirectRefusedError extends Error {
  override readonly name = 'RedirectRefusedError';
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}
