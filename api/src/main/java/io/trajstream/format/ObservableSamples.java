package io.trajstream.format;

import java.util.Arrays;

/**
 * What a {@link TrajectoryWriter} checks of the samples of one observable as they arrive in
 * batches ({@link TrajectoryWriter#appendObservable}): a path of plain segments, every batch of
 * the kind the first one set (sample shape, time dependence, integral values, with or without
 * times), a time-independent observable given once, and steps that increase across batches. One
 * per observable, kept by the writer; failures are {@link IllegalArgumentException}s naming the
 * writer's location and the observable.
 */
public final class ObservableSamples {
  private final String location;
  private final ObservableInfo info;
  private final boolean hasTime;
  private long lastStep;
  private boolean anyStep;

  /** The rules for an observable whose first batch is {@code first}, written to {@code location}. */
  public ObservableSamples(String location, ObservableSeries first) {
    checkPath(location, first.info().path());
    this.location = location;
    this.info = first.info();
    this.hasTime = first.hasTime();
  }

  /** Refuses an observable path that is empty, absolute, ends in a slash or has an empty segment. */
  public static void checkPath(String location, String path) {
    if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
      throw new IllegalArgumentException(location + ": bad observable path '" + path + "'");
    }
  }

  /** The observable as its first batch described it. */
  public ObservableInfo info() {
    return info;
  }

  /** Whether its samples carry times. */
  public boolean hasTime() {
    return hasTime;
  }

  /** Continues after samples stored before (appending to existing data), the last at {@code step}. */
  public void resumeAfter(long step) {
    lastStep = step;
    anyStep = true;
  }

  /** Checks a batch after the first: the same kind of observable, and not a time-independent one again. */
  public void checkNext(ObservableSeries s) {
    ObservableInfo next = s.info();
    if (!Arrays.equals(info.shape(), next.shape()) || info.timeDependent() != next.timeDependent()
        || info.integral() != next.integral()) {
      throw new IllegalArgumentException(location + ": observable " + info.path() + " was " + info + ", now " + next);
    }
    if (!info.timeDependent()) {
      throw new IllegalArgumentException(location + ": time-independent observable " + info.path() + " given twice");
    }
  }

  /**
   * Checks a time-dependent batch's times and first step against what came before; returns its
   * number of samples. Call {@link #stored} once the writer has stored them.
   */
  public int check(ObservableSeries s) {
    if (s.hasTime() != hasTime) {
      throw new IllegalArgumentException(location + ": observable " + info.path()
          + (hasTime ? " has times, these samples none" : " has no times, these samples do"));
    }
    int n = s.count();
    if (n > 0 && anyStep && s.step(0) <= lastStep) {
      throw new IllegalArgumentException(location + ": observable " + info.path() + ": steps must increase, got "
          + s.step(0) + " after " + lastStep);
    }
    return n;
  }

  /** Records that a checked, non-empty batch was stored: the next must start after its last step. */
  public void stored(ObservableSeries s) {
    lastStep = s.step(s.count() - 1);
    anyStep = true;
  }
}
