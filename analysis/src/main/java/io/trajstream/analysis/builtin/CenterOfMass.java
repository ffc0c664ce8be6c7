package io.trajstream.analysis.builtin;

import io.trajstream.analysis.AnalysisContext;
import io.trajstream.analysis.AnalysisFactory;
import io.trajstream.analysis.AnalysisParams;
import io.trajstream.analysis.AnalysisResult;
import io.trajstream.format.FrameBlock;

/**
 * Centre of the selected atoms per frame (x, y, z): of mass with {@code weights=mass} (default),
 * as MDAnalysis's {@code center_of_mass()}, or of geometry with {@code weights=none}, as {@code
 * center_of_geometry()}. No periodic unwrapping.
 */
public final class CenterOfMass extends PerFrameAnalysis<double[]> {
  private static final long serialVersionUID = 1L;

  private final Weights weights;

  public CenterOfMass(Weights weights) {
    this.weights = weights;
  }

  @Override
  public String name() {
    return "com";
  }

  @Override
  int width() {
    return 3;
  }

  @Override
  String[] columns() {
    return new String[] {"x", "y", "z"};
  }

  @Override
  String unit(AnalysisContext ctx) {
    return ctx.lengthUnit();
  }

  @Override
  double[] prepare(AnalysisContext ctx) {
    return weights.resolve(ctx, name());
  }

  @Override
  void compute(double[] w, FrameBlock block, int i, double[] out) {
    double[] c = Geometry.center(block.positions(), block.frameOffset(i), block.atomCount(), w);
    System.arraycopy(c, 0, out, 0, 3);
  }

  @Override
  AnalysisResult describe(AnalysisResult r) {
    return r.withMetadata("weights", weights.key());
  }

  /** Creates {@code com}. */
  public static final class Factory implements AnalysisFactory {
    @Override
    public String name() {
      return "com";
    }

    @Override
    public String description() {
      return "centre of mass (weights=mass, default) or of geometry (weights=none) per frame";
    }

    @Override
    public CenterOfMass create(AnalysisParams params) {
      return new CenterOfMass(Weights.from(params, Weights.MASS));
    }
  }
}
