package io.trajstream.analysis.topology;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the atoms of a GROMACS {@code .gro} file into a {@link Topology}: residue id, residue name
 * and atom name from the fixed columns, residue ids that wrap at 100000 keep increasing, types and
 * masses guessed from the names (as MDAnalysis does).
 */
final class GroTopologyReader {
  private GroTopologyReader() {}

  static Topology read(String source, InputStream in) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
    if (r.readLine() == null) {
      throw new IOException(source + ": empty .gro file");
    }
    String countLine = r.readLine();
    int n;
    try {
      n = Integer.parseInt(countLine == null ? "" : countLine.trim());
    } catch (NumberFormatException e) {
      throw new IOException(source + ": line 2 should hold the atom count, found '" + countLine + "'");
    }
    String[] names = new String[n];
    String[] resnames = new String[n];
    int[] resids = new int[n];
    for (int i = 0; i < n; i++) {
      String line = r.readLine();
      if (line == null) {
        throw new IOException(source + ": expected " + n + " atoms, file ends after " + i);
      }
      try {
        resids[i] = Integer.parseInt(line.substring(0, 5).trim());
        resnames[i] = line.substring(5, 10).strip();
        names[i] = line.substring(10, 15).strip();
        Integer.parseInt(line.substring(15, 20).trim());
      } catch (RuntimeException e) {
        throw new IOException(source + ": cannot read atom line " + (i + 3) + ": " + line);
      }
      if (names[i].isEmpty()) {
        throw new IOException(source + ": missing atom name on line " + (i + 3));
      }
    }
    // a resid of 0 after non-zero ones marks a wrap of the 5-digit column
    int[] original = resids.clone();
    for (int i = 1; i < n; i++) {
      if (original[i] == 0 && original[i - 1] != 0) {
        for (int j = i; j < n; j++) {
          resids[j] += 100000;
        }
      }
    }
    String[] types = new String[n];
    double[] masses = new double[n];
    for (int i = 0; i < n; i++) {
      types[i] = Elements.guessFromName(names[i]);
      masses[i] = Elements.mass(types[i]);
    }
    String[] segids = new String[n];
    Arrays.fill(segids, "SYSTEM");
    return new Topology(source, names, resnames, resids, segids, types, masses);
  }
}
