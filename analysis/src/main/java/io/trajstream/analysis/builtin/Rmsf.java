package io.trajstream.analysis.builtin;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisContext;
import io.trajstream.analysis.AnalysisFactory;
import io.trajstream.analysis.AnalysisParams;
import io.trajstream.analysis.AnalysisResult;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import java.util.EnumSet;
import java.util.Set;

/**
 * Root-mean-square fluctuation of each selected atom about its mean position over the frames, as
 * MDAnalysis's {@code rms.RMSF} (no implicit alignment: align the trajectory first if wanted).
 * Sums are exact ({@link ExactMoments}), so the result does not depend on how frames are split.
 */
public final class Rmsf implements Analysis<ExactMoments, AnalysisResult> {
  private static final long serialVersionUID = 1L;

  @Override
  public String name() {
    return "rmsf";
  }

  @Override
  public Set<Field> fields() {
    return EnumSet.of(Field.POSITION);
  }

  @Override
  public ExactMoments newAccumulator(AnalysisContext ctx) {
    return new ExactMoments(3 * ctx.atoms().length);
  }

  @Override
  public ExactMoments accumulate(ExactMoments acc, FrameBlock block, AnalysisContext ctx) {
    float[] xyz = block.positions();
    for (int i = 0; i < block.frameCount(); i++) {
      if (block.has(Field.POSITION, i)) {
        acc.add(xyz, block.frameOffset(i));
      }
    }
    return acc;
  }

  @Override
  public ExactMoments combine(ExactMoments earlier, ExactMoments later) {
    return earlier.merge(later);
  }

  @Override
  public AnalysisResult finish(ExactMoments acc, AnalysisContext ctx) {
    int[] atoms = ctx.atoms();
    double[] rmsf = new double[atoms.length];
    for (int a = 0; a < atoms.length; a++) {
      double v = acc.variance(3 * a) + acc.variance(3 * a + 1) + acc.variance(3 * a + 2);
      rmsf[a] = Math.sqrt(Math.max(0, v));
    }
    return AnalysisResult.perAtom(name(), ctx.lengthUnit(), atoms, rmsf)
        .withMetadata("frames", Long.toString(acc.count()));
  }

  /** Creates {@code rmsf}. */
  public static final class Factory implements AnalysisFactory {
    @Override
    public String name() {
      return "rmsf";
    }

    @Override
    public String description() {
      return "root-mean-square fluctuation of each atom about its mean position (no alignment)";
    }

    @Override
    public Rmsf create(AnalysisParams params) {
      return new Rmsf();
    }
  }
}
