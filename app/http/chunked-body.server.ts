/**
 * A response body read from an async sequence of text chunks as the client takes them (pull):
 * nothing is produced ahead of the reader, and a client that goes away stops the producer.
 */
export function chunkedBody(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next()
      if (next.done) controller.close()
      else controller.enqueue(encoder.encode(next.value))
    },
    async cancel() {
      await chunks.return(undefined)
    },
  })
}
