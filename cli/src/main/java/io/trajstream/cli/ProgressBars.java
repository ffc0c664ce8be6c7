package io.trajstream.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar long-running commands ({@code convert}, {@code analyze}) draw on the command's
 * stderr: one ASCII line redrawn in place, counting frames, with ETA and the frames per second so
 * far (computed here: the bar library shows "?" for its first second, most of a short run).
 */
final class ProgressBars {
  /** Width of the rendered line. */
  static final int WIDTH = 100;

  private ProgressBars() {}

  /** A bar over {@code total} frames drawn on {@code err}; close it to finish the line. */
  static Frames frames(PrintWriter err, String task, long total) {
    return new Frames(new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" frames", 1)
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).setConsumer(new WriterConsumer(err)).build());
  }

  /**
   * A bar over {@code total} bytes drawn on {@code err}, counted in MiB; {@link ProgressBar#stepBy}
   * may be called from several threads. Close it to finish the line.
   */
  static ProgressBar bytes(PrintWriter err, String task, long total) {
    return new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" MiB", 1 << 20)
        .showSpeed().setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
        .setConsumer(new WriterConsumer(err)).build();
  }

  /** A frame-counting bar that shows its own speed, and optionally more after it. */
  static final class Frames implements AutoCloseable {
    private final ProgressBar bar;
    private final long start = System.nanoTime();
    private String more = "";

    Frames(ProgressBar bar) {
      this.bar = bar;
    }

    /** Moves the bar to {@code done} frames, keeping what {@link #stepTo(long, String)} last showed. */
    void stepTo(long done) {
      stepTo(done, more);
    }

    /** Moves the bar to {@code done} frames, showing {@code more} after the speed. */
    void stepTo(long done, String more) {
      this.more = more;
      bar.stepTo(done);
      double seconds = (System.nanoTime() - start) / 1e9;
      String speed = seconds > 0 && done > 0 ? String.format(Locale.ROOT, "%.0f frames/s", done / seconds) : "";
      bar.setExtraMessage(speed + more);
    }

    @Override
    public void close() {
      bar.close();
    }
  }

  /** Renders the bar on a PrintWriter (the command's stderr, also in-process), redrawing one line. */
  static final class WriterConsumer implements ProgressBarConsumer {
    private final PrintWriter err;

    WriterConsumer(PrintWriter err) {
      this.err = err;
    }

    @Override
    public int getMaxRenderedLength() {
      return WIDTH;
    }

    @Override
    public void accept(String rendered) {
      err.print('\r');
      err.print(rendered);
      err.flush();
    }

    @Override
    public void close() {
      err.println();
      err.flush();
    }
  }
}
