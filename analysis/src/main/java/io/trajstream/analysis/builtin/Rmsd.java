package io.trajstream.analysis.builtin;

import io.trajstream.analysis.AnalysisContext;
import io.trajstream.analysis.AnalysisFactory;
import io.trajstream.analysis.AnalysisParams;
import io.trajstream.analysis.AnalysisResult;
import io.trajstream.format.FrameBlock;
import java.io.IOException;

/**
 * RMSD of the selected atoms to a reference frame, as MDAnalysis's {@code rms.RMSD}: both centred
 * on their (weighted) centre, then optimally superimposed by QCP (Theobald 2005). Parameters: {@code
 * ref} (reference frame, default 0), {@code weights} ({@code none} or {@code mass}), {@code
 * superposition} (default true; false gives the plain RMSD as {@code rms.rmsd} does), {@code
 * center} (centre without rotating; default: as superposition).
 */
public final class Rmsd extends PerFrameAnalysis<Rmsd.Reference> {
  private static final long serialVersionUID = 1L;

  private final int ref;
  private final Weights weights;
  private final boolean superposition;
  private final boolean center;

  public Rmsd(int ref, Weights weights, boolean superposition, boolean center) {
    if (ref < 0) {
      throw new IllegalArgumentException("parameter ref=" + ref + " must be >= 0");
    }
    this.ref = ref;
    this.weights = weights;
    this.superposition = superposition;
    this.center = center || superposition;
  }

  static Rmsd from(AnalysisParams p) {
    boolean sup = p.getBoolean("superposition", true);
    return new Rmsd(p.getInt("ref", 0), Weights.from(p, Weights.NONE), sup, p.getBoolean("center", sup));
  }

  /** The centred reference and the weights of one run. */
  record Reference(double[] coords, double[] centre, double[] weights) {}

  @Override
  public String name() {
    return "rmsd";
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
  Reference prepare(AnalysisContext ctx) throws IOException {
    double[] w = Geometry.normalised(weights.resolve(ctx, name()));
    FrameBlock refBlock = ctx.frame(ref);
    float[] xyz = refBlock.positions();
    int n = refBlock.atomCount();
    double[] c = center ? Geometry.center(xyz, 0, n, w) : new double[3];
    return new Reference(Geometry.centred(xyz, 0, n, c), c, w);
  }

  @Override
  void compute(Reference r, FrameBlock block, int i, double[] out) {
    int n = block.atomCount();
    float[] xyz = block.positions();
    int off = block.frameOffset(i);
    double[] c = center ? Geometry.center(xyz, off, n, r.weights()) : new double[3];
    double[] mobile = Geometry.centred(xyz, off, n, c);
    if (superposition) {
      out[0] = Qcp.rmsd(r.coords(), mobile, n, r.weights());
    } else {
      double sum = 0;
      double sw = 0;
      for (int a = 0; a < n; a++) {
        double w = r.weights() == null ? 1.0 : r.weights()[a];
        double dx = mobile[3 * a] - r.coords()[3 * a];
        double dy = mobile[3 * a + 1] - r.coords()[3 * a + 1];
        double dz = mobile[3 * a + 2] - r.coords()[3 * a + 2];
        sum += w * (dx * dx + dy * dy + dz * dz);
        sw += w;
      }
      out[0] = Math.sqrt(sum / sw);
    }
  }

  @Override
  AnalysisResult describe(AnalysisResult r) {
    return r.withMetadata("ref", Integer.toString(ref)).withMetadata("weights", weights.key())
        .withMetadata("superposition", Boolean.toString(superposition));
  }

  /** Creates {@code rmsd}. */
  public static final class Factory implements AnalysisFactory {
    @Override
    public String name() {
      return "rmsd";
    }

    @Override
    public String description() {
      return "RMSD to a reference frame after optimal superposition (QCP); ref, weights, superposition";
    }

    @Override
    public Rmsd create(AnalysisParams params) {
      return from(params);
    }
  }
}
