/**
 * What a fetch may reject with besides a network failure: an answer arrived
 * but cannot be read as HTTP (a status outside 200–599, a header value that
 * is not valid). The client reports it as `invalid_response`, not as a
 * connection problem. Its message is ours, never the server's text.
 */
export class InvalidResponseError extends Error {
  override readonly name = 'InvalidResponseError';
}
