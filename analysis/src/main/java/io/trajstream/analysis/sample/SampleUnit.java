package io.trajstream.analysis.sample;

import io.trajstream.format.FrameRange;

/**
 * Frames {@code [from, to)} of source {@code source} that are fetched together: one storage chunk
 * (or a run of frames of an unchunked field). Frame ids count the frames of all sources one after
 * the other, so this unit's frames have ids {@code firstId .. firstId + size - 1}.
 */
record SampleUnit(int source, int from, int to, long firstId) {
  int size() {
    return to - from;
  }

  FrameRange range() {
    return FrameRange.of(from, to);
  }
}
