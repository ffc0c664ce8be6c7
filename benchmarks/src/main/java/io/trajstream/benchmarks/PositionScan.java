package io.trajstream.benchmarks;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisContext;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import java.util.EnumSet;
import java.util.Set;

/**
 * The lightest analysis that still reads everything: the sum of every position coordinate and the
 * number of frames seen. Run through the analysis engine it measures what reading costs with the
 * engine's own compute and I/O pools, as {@code trajstream analyze} would use them.
 */
public final class PositionScan implements Analysis<double[], double[]> {
  private static final long serialVersionUID = 1L;

  @Override
  public String name() {
    return "position-scan";
  }

  @Override
  public Set<Field> fields() {
    return EnumSet.of(Field.POSITION);
  }

  /** {sum of coordinates, frames}. */
  @Override
  public double[] newAccumulator(AnalysisContext ctx) {
    return new double[2];
  }

  @Override
  public double[] accumulate(double[] acc, FrameBlock block, AnalysisContext ctx) {
    double s = 0;
    for (float v : block.positions()) {
      s += v;
    }
    acc[0] += s;
    acc[1] += block.frameCount();
    return acc;
  }

  @Override
  public double[] combine(double[] earlier, double[] later) {
    return new double[] {earlier[0] + later[0], earlier[1] + later[1]};
  }

  @Override
  public double[] finish(double[] acc, AnalysisContext ctx) {
    return acc.clone();
  }
}
