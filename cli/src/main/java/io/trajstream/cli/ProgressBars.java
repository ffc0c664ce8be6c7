package io.trajstream.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar long-running commands ({@code convert}, {@code analyze}) draw on the command's
 * stderr: one ASCII line redrawn in place, counting frames, with speed and ETA.
 */
final class ProgressBars {
  /** Width of the rendered line. */
  static final int WIDTH = 100;

  private ProgressBars() {}

  /** A bar over {@code total} frames drawn on {@code err}; close it to finish the line. */
  static ProgressBar frames(PrintWriter err, String task, long total) {
    return new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" frames", 1)
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).setConsumer(new WriterConsumer(err))
        .showSpeed().build();
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
