package io.trajstream.h5md.read;

import io.trajstream.store.ByteRange;
import io.trajstream.store.StoreInput;
import io.trajstream.store.VectoredReadOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Fetches the stored bytes of many chunks with one vectored read (adjacent chunks coalesce into
 * one request, the rest are in flight together), then decodes each and hands it to its sink in the
 * calling thread.
 */
public final class ChunkFetcher {
  private final StoreInput input;
  private final ChunkDecoder decoder;
  private final VectoredReadOptions options;

  public ChunkFetcher(StoreInput input, ChunkDecoder decoder, VectoredReadOptions options) {
    this.input = input;
    this.decoder = decoder;
    this.options = options;
  }

  public void run(List<ChunkTask> tasks) throws IOException {
    List<ByteRange> ranges = new ArrayList<>();
    List<ChunkTask> remote = new ArrayList<>();
    for (ChunkTask t : tasks) {
      if (t.ref() != null && !t.ref().isInline()) {
        ranges.add(new ByteRange(t.ref().offset(), t.ref().size()));
        remote.add(t);
      }
    }
    List<ByteBuffer> fetched = ranges.isEmpty() ? List.of()
        : StoreInput.StoreInputs.join(input.readVectored(ranges, options));
    int k = 0;
    for (ChunkTask t : tasks) {
      if (t.ref() == null) {
        t.sink().accept(t, null);
      } else if (t.ref().isInline()) {
        t.sink().accept(t, decoder.decode(t.dataset(), t.ref(), ByteBuffer.wrap(t.ref().inline()), t.expectedBytes()));
      } else {
        ByteBuffer raw = fetched.get(k++);
        t.sink().accept(t, decoder.decode(t.dataset(), t.ref(), raw, t.expectedBytes()));
      }
    }
  }
}
