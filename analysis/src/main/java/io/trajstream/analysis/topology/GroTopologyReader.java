package io.trajstream.analysis.topology;

import io.trajstream.format.FormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the atoms of a GROMACS {@code .gro} file into a {@link Topology}: residue id, residue name
 * and atom name from the fixed columns, residue ids that wrap at 100000 keep increasing, types and
 * masses guessed from the names (as MDAnalysis does). Malformed content is a {@link
 * FormatException} naming the file and line.
 */
final class GroTopologyReader {
  private GroTopologyReader() {}

  static Topology read(String source, InputStream in) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
    if (r.readLine() == null) {
      throw new FormatException(source, null, "empty .gro file");
    }
    String countLine = r.readLine();
    int n;
    try {
      n = Integer.parseInt(countLine == null ? "" : countLine.trim());
    } catch (NumberFormatException e) {
      throw new FormatException(source, "line 2", "should hold the atom count, found '" + countLine + "'");
    }
    if (n < 0) {
      throw new FormatException(source, "line 2", "atom count " + n + " is negative");
    }
    // the count is only a claim: the arrays grow with the atom lines actually read
    List<String> nameList = new ArrayList<>();
    List<String> resnameList = new ArrayList<>();
    List<Integer> residList = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String line = r.readLine();
      String where = "line " + (i + 3);
      if (line == null) {
        throw new FormatException(source, where, "expected " + n + " atoms, the file ends after " + i);
      }
      if (line.length() < 20) {
        throw new FormatException(source, where, "atom line of " + line.length() + " characters, expected at least 20: " + line);
      }
      try {
        residList.add(Integer.parseInt(line.substring(0, 5).trim()));
        Integer.parseInt(line.substring(15, 20).trim());
      } catch (NumberFormatException e) {
        throw new FormatException(source, where, "residue id or atom number is not a number: " + line);
      }
      resnameList.add(line.substring(5, 10).strip());
      String name = line.substring(10, 15).strip();
      if (name.isEmpty()) {
        throw new FormatException(source, where, "missing atom name");
      }
      nameList.add(name);
    }
    String[] names = nameList.toArray(String[]::new);
    String[] resnames = resnameList.toArray(String[]::new);
    int[] resids = residList.stream().mapToInt(Integer::intValue).toArray();
    // a resid of 0 after non-zero ones marks a wrap of the 5-digit column; later ids keep counting
    int[] original = resids.clone();
    int wrapped = 0;
    for (int i = 1; i < n; i++) {
      if (original[i] == 0 && original[i - 1] != 0) {
        wrapped += 100000;
      }
      resids[i] += wrapped;
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
