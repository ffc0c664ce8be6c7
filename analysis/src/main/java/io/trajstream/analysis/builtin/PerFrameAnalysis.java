package io.trajstream.analysis.builtin;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisContext;
import io.trajstream.analysis.AnalysisResult;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Base of analyses that compute values for each frame on its own (RMSD, radius of gyration, centre
 * of mass). Since no value depends on another frame, any block split gives identical results.
 *
 * @param <P> what is prepared once per block (e.g. the centred reference)
 */
abstract class PerFrameAnalysis<P> implements Analysis<FrameSeries, AnalysisResult> {
  private static final long serialVersionUID = 1L;

  /** Values per frame. */
  abstract int width();

  /** Column names when {@link #width()} is above 1. */
  String[] columns() {
    return new String[] {"value"};
  }

  /** The unit of the values. */
  abstract String unit(AnalysisContext ctx);

  /** Prepares what every frame of a block needs. */
  abstract P prepare(AnalysisContext ctx) throws IOException;

  /** Computes frame {@code i} of {@code block} into {@code out}. */
  abstract void compute(P prepared, FrameBlock block, int i, double[] out);

  /** Extra facts written into the result. */
  AnalysisResult describe(AnalysisResult r) {
    return r;
  }

  @Override
  public Set<Field> fields() {
    return EnumSet.of(Field.POSITION);
  }

  @Override
  public FrameSeries newAccumulator(AnalysisContext ctx) {
    return new FrameSeries(width());
  }

  @Override
  public FrameSeries accumulate(FrameSeries acc, FrameBlock block, AnalysisContext ctx) {
    P prepared;
    try {
      prepared = prepare(ctx);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    double[] row = new double[width()];
    for (int i = 0; i < block.frameCount(); i++) {
      if (block.has(Field.POSITION, i)) {
        compute(prepared, block, i, row);
      } else {
        Arrays.fill(row, Double.NaN);
      }
      acc.add(block.frame(i), block.time(i), row);
    }
    return acc;
  }

  @Override
  public FrameSeries combine(FrameSeries earlier, FrameSeries later) {
    return earlier.append(later);
  }

  @Override
  public AnalysisResult finish(FrameSeries acc, AnalysisContext ctx) {
    AnalysisResult r = width() == 1
        ? AnalysisResult.perFrame(name(), unit(ctx), acc.frames(), acc.times(), acc.firstColumn())
        : AnalysisResult.perFrame(name(), unit(ctx), acc.frames(), acc.times(), acc.rows(), columns());
    return describe(r.withMetadata("time_unit", ctx.timeUnit()));
  }
}
