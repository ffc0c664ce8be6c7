package io.trajstream.analysis.builtin;

import io.trajstream.analysis.AnalysisContext;
import io.trajstream.analysis.AnalysisFactory;
import io.trajstream.analysis.AnalysisParams;
import io.trajstream.analysis.AnalysisResult;
import io.trajstream.format.FrameBlock;

/**
 * Radius of gyration of the selected atoms per frame: with {@code weights=mass} as MDAnalysis's
 * {@code AtomGroup.radius_of_gyration()} (about the centre of mass, mass-weighted), with {@code
 * weights=none} (default) about the centre of geometry with equal weights.
 */
public final class RadiusOfGyration extends PerFrameAnalysis<double[]> {
  private static final long serialVersionUID = 1L;

  private final Weights weights;

  public RadiusOfGyration(Weights weights) {
    this.weights = weights;
  }

  @Override
  public String name() {
    return "rg";
  }

  @Override
  int width() {
    return 1;
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
    int n = block.atomCount();
    float[] xyz = block.positions();
    int off = block.frameOffset(i);
    double[] c = Geometry.center(xyz, off, n, w);
    double sum = 0;
    double sw = 0;
    for (int a = 0; a < n; a++) {
      int k = off + 3 * a;
      double dx = xyz[k] - c[0];
      double dy = xyz[k + 1] - c[1];
      double dz = xyz[k + 2] - c[2];
      double wa = w == null ? 1.0 : w[a];
      sum += wa * (dx * dx + dy * dy + dz * dz);
      sw += wa;
    }
    out[0] = Math.sqrt(sum / sw);
  }

  @Override
  AnalysisResult describe(AnalysisResult r) {
    return r.withMetadata("weights", weights.key());
  }

  /** Creates {@code rg}. */
  public static final class Factory implements AnalysisFactory {
    @Override
    public String name() {
      return "rg";
    }

    @Override
    public String description() {
      return "radius of gyration per frame; weights none|mass";
    }

    @Override
    public RadiusOfGyration create(AnalysisParams params) {
      return new RadiusOfGyration(Weights.from(params, Weights.NONE));
    }
  }
}
