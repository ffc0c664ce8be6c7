package io.trajstream.analysis.builtin;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisContext;
import io.trajstream.analysis.AnalysisFactory;
import io.trajstream.analysis.AnalysisParams;
import io.trajstream.analysis.AnalysisResult;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Mean squared displacement by the Einstein relation, as MDAnalysis's {@code msd.EinsteinMSD}: for
 * each lag, the squared displacement averaged over all time origins and all selected atoms.
 * Parameters: {@code msd_type} ({@code xyz} default, or {@code xy}, {@code yz}, {@code xz}, {@code
 * x}, {@code y}, {@code z}); {@code fft} (default true: the O(N log N) algorithm; false: the direct
 * windowed sum). Positions must be unwrapped. The result's frame axis is the lag in frames.
 */
public final class Msd implements Analysis<PositionSeries, AnalysisResult> {
  private static final long serialVersionUID = 1L;

  private final String type;
  private final boolean fft;

  public Msd(String type, boolean fft) {
    String t = type.toLowerCase(Locale.ROOT);
    if (!Set.of("xyz", "xy", "yz", "xz", "x", "y", "z").contains(t)) {
      throw new IllegalArgumentException("parameter msd_type=" + type + " is not one of xyz, xy, yz, xz, x, y, z");
    }
    this.type = t;
    this.fft = fft;
  }

  @Override
  public String name() {
    return "msd";
  }

  @Override
  public Set<Field> fields() {
    return EnumSet.of(Field.POSITION);
  }

  @Override
  public PositionSeries newAccumulator(AnalysisContext ctx) {
    return new PositionSeries(ctx.atoms().length);
  }

  @Override
  public PositionSeries accumulate(PositionSeries acc, FrameBlock block, AnalysisContext ctx) {
    float[] xyz = block.positions();
    for (int i = 0; i < block.frameCount(); i++) {
      acc.add(block.frame(i), block.time(i), xyz, block.frameOffset(i));
    }
    return acc;
  }

  @Override
  public PositionSeries combine(PositionSeries earlier, PositionSeries later) {
    return earlier.append(later);
  }

  private int[] dims() {
    return type.chars().map(c -> c - 'x').toArray();
  }

  @Override
  public AnalysisResult finish(PositionSeries acc, AnalysisContext ctx) {
    int n = acc.size();
    int atoms = acc.atoms();
    int[] dims = dims();
    double[] total = new double[n];
    double[] r = new double[n];
    for (int a = 0; a < atoms; a++) {
      double[] msd = new double[n];
      if (fft) {
        double[] d2 = new double[n];
        for (int d : dims) {
          for (int i = 0; i < n; i++) {
            r[i] = acc.get(i, a, d);
            d2[i] += r[i] * r[i];
          }
          double[] ac = Fft.autocorrelationSums(r);
          for (int m = 0; m < n; m++) {
            msd[m] -= 2 * ac[m] / (n - m);
          }
        }
        double q = 0;
        for (double v : d2) {
          q += 2 * v;
        }
        for (int m = 0; m < n; m++) {
          if (m > 0) {
            q -= d2[m - 1] + d2[n - m];
          }
          msd[m] += q / (n - m);
        }
      } else {
        for (int m = 1; m < n; m++) {
          double s = 0;
          for (int i = 0; i + m < n; i++) {
            for (int d : dims) {
              double dx = (double) acc.get(i + m, a, d) - acc.get(i, a, d);
              s += dx * dx;
            }
          }
          msd[m] = s / (n - m);
        }
      }
      for (int m = 0; m < n; m++) {
        total[m] += msd[m];
      }
    }
    int[] lags = new int[n];
    double[] lagTimes = new double[n];
    for (int m = 0; m < n; m++) {
      total[m] = atoms == 0 ? Double.NaN : total[m] / atoms;
      lags[m] = acc.frame(m) - acc.frame(0);
      lagTimes[m] = acc.time(m) - acc.time(0);
    }
    String unit = ctx.lengthUnit().isEmpty() ? "" : ctx.lengthUnit() + "^2";
    return AnalysisResult.perFrame(name(), unit, lags, lagTimes, total)
        .withMetadata("axis", "lag")
        .withMetadata("time_unit", ctx.timeUnit())
        .withMetadata("msd_type", type)
        .withMetadata("fft", Boolean.toString(fft));
  }

  /** Creates {@code msd}. */
  public static final class Factory implements AnalysisFactory {
    @Override
    public String name() {
      return "msd";
    }

    @Override
    public String description() {
      return "mean squared displacement per lag (Einstein); msd_type, fft";
    }

    @Override
    public Msd create(AnalysisParams params) {
      return new Msd(params.get("msd_type", "xyz"), params.getBoolean("fft", true));
    }
  }
}
