package io.trajstream.analysis.builtin;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisContext;
import io.trajstream.analysis.AnalysisFactory;
import io.trajstream.analysis.AnalysisParams;
import io.trajstream.analysis.AnalysisResult;
import io.trajstream.analysis.select.Selection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Radial distribution function between two atom groups, as MDAnalysis's {@code rdf.InterRDF}: all
 * pair distances up to the range's end under the periodic minimum image (orthorhombic or triclinic
 * box), histogrammed in {@code nbins} bins over {@code range}, normalised by the ideal-gas pair
 * density of the mean box volume. Parameters: {@code nbins} (75), {@code range} ({@code 0:15}),
 * {@code g1} and {@code g2} (index selections, e.g. {@code index 0:99}; default: the run's atoms).
 * Pairs of an atom with itself count (at distance 0), as in InterRDF without exclusion block.
 */
public final class Rdf implements Analysis<RdfCounts, AnalysisResult> {
  private static final long serialVersionUID = 1L;
  /** Above this many pairs per frame a cell list replaces the all-pairs loop (same pairs, same distances). */
  static final long GRID_PAIRS = 20_000;

  private final int nbins;
  private final double min;
  private final double max;
  private final String g1;
  private final String g2;

  /** {@code g1}, {@code g2}: index selection strings or null for all atoms of the run. */
  public Rdf(int nbins, double min, double max, String g1, String g2) {
    new Histogram(min, max, nbins);
    if (g1 != null && Selection.parse(g1).needsTopology()) {
      throw new IllegalArgumentException("rdf parameter g1 must be an index selection, got '" + g1 + "'");
    }
    if (g2 != null && Selection.parse(g2).needsTopology()) {
      throw new IllegalArgumentException("rdf parameter g2 must be an index selection, got '" + g2 + "'");
    }
    this.nbins = nbins;
    this.min = min;
    this.max = max;
    this.g1 = g1;
    this.g2 = g2;
  }

  static Rdf from(AnalysisParams p) {
    String range = p.get("range", "0:15");
    String[] parts = range.split("[:,]");
    if (parts.length != 2) {
      throw new IllegalArgumentException("parameter range=" + range + " is not MIN:MAX");
    }
    double lo;
    double hi;
    try {
      lo = Double.parseDouble(parts[0].trim());
      hi = Double.parseDouble(parts[1].trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("parameter range=" + range + " is not MIN:MAX");
    }
    return new Rdf(p.getInt("nbins", 75), lo, hi, p.get("g1").orElse(null), p.get("g2").orElse(null));
  }

  @Override
  public String name() {
    return "rdf";
  }

  @Override
  public Set<Field> fields() {
    return EnumSet.of(Field.POSITION, Field.BOX);
  }

  @Override
  public RdfCounts newAccumulator(AnalysisContext ctx) {
    return new RdfCounts(nbins);
  }

  /** Positions within the run's atoms of the group {@code sel} (null: all of them). */
  private static int[] group(String sel, int[] runAtoms, int systemAtoms) {
    if (sel == null) {
      int[] all = new int[runAtoms.length];
      Arrays.setAll(all, i -> i);
      return all;
    }
    int[] wanted = Selection.parse(sel).indices(systemAtoms);
    int[] out = new int[wanted.length];
    for (int i = 0; i < wanted.length; i++) {
      int k = Arrays.binarySearch(runAtoms, wanted[i]);
      if (k < 0) {
        throw new IllegalStateException("rdf group atom " + wanted[i] + " is not among the atoms read;"
            + " select the union of both groups");
      }
      out[i] = k;
    }
    return out;
  }

  @Override
  public RdfCounts accumulate(RdfCounts acc, FrameBlock block, AnalysisContext ctx) {
    int[] runAtoms = block.atoms();
    int[] a = group(g1, runAtoms, ctx.info().atoms());
    int[] b = group(g2, runAtoms, ctx.info().atoms());
    Histogram h = new Histogram(min, max, nbins);
    float[] xyz = block.positions();
    double maxSq = max * max;
    for (int f = 0; f < block.frameCount(); f++) {
      if (!block.has(Field.POSITION, f)) {
        continue;
      }
      float[] box = block.box(f);
      if (!PeriodicBox.isValid(box)) {
        throw new IllegalStateException("rdf needs a periodic box; frame " + block.frame(f) + " has none");
      }
      PeriodicBox pbc = new PeriodicBox(box);
      int off = block.frameOffset(f);
      CellGrid grid = (long) a.length * b.length > GRID_PAIRS ? CellGrid.create(box, xyz, off, b, max) : null;
      if (grid == null) {
        for (int i : a) {
          double xi = xyz[off + 3 * i];
          double yi = xyz[off + 3 * i + 1];
          double zi = xyz[off + 3 * i + 2];
          for (int j : b) {
            count(acc, h, pbc, maxSq, xyz[off + 3 * j] - xi, xyz[off + 3 * j + 1] - yi, xyz[off + 3 * j + 2] - zi);
          }
        }
      } else {
        for (int i : a) {
          double xi = xyz[off + 3 * i];
          double yi = xyz[off + 3 * i + 1];
          double zi = xyz[off + 3 * i + 2];
          grid.forNeighbours(grid.cellOfPosition(xyz, off + 3 * i), k -> {
            int j = b[k];
            count(acc, h, pbc, maxSq, xyz[off + 3 * j] - xi, xyz[off + 3 * j + 1] - yi, xyz[off + 3 * j + 2] - zi);
          });
        }
      }
      acc.frame(pbc.volume());
    }
    return acc;
  }

  private static void count(RdfCounts acc, Histogram h, PeriodicBox pbc, double maxSq, double dx, double dy, double dz) {
    double d2 = pbc.distanceSquared(dx, dy, dz);
    if (d2 <= maxSq) {
      int bin = h.bin(Math.sqrt(d2));
      if (bin >= 0) {
        acc.count(bin);
      }
    }
  }

  @Override
  public RdfCounts combine(RdfCounts earlier, RdfCounts later) {
    return earlier.merge(later);
  }

  @Override
  public AnalysisResult finish(RdfCounts acc, AnalysisContext ctx) {
    int[] runAtoms = ctx.atoms();
    long pairs = (long) group(g1, runAtoms, ctx.info().atoms()).length * group(g2, runAtoms, ctx.info().atoms()).length;
    double[] edges = new Histogram(min, max, nbins).edges();
    double[] centres = new double[nbins];
    double[] rdf = new double[nbins];
    long[] counts = acc.counts();
    int n = acc.frames();
    double meanVolume = acc.volumeSum() / n;
    for (int k = 0; k < nbins; k++) {
      centres[k] = 0.5 * (edges[k] + edges[k + 1]);
      double shell = 4.0 / 3.0 * Math.PI * (Math.pow(edges[k + 1], 3) - Math.pow(edges[k], 3));
      double norm = n * shell * pairs / meanVolume;
      rdf[k] = counts[k] / norm;
    }
    return AnalysisResult.perBin(name(), "", centres, rdf)
        .withMetadata("length_unit", ctx.lengthUnit())
        .withMetadata("nbins", Integer.toString(nbins))
        .withMetadata("range", min + ":" + max)
        .withMetadata("frames", Integer.toString(n));
  }

  /** Creates {@code rdf}. */
  public static final class Factory implements AnalysisFactory {
    @Override
    public String name() {
      return "rdf";
    }

    @Override
    public String description() {
      return "radial distribution function between two groups (InterRDF); nbins, range, g1, g2";
    }

    @Override
    public Rdf create(AnalysisParams params) {
      return from(params);
    }
  }
}
