package io.trajstream.analysis.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Globs match as Python's {@code fnmatch.fnmatchcase} does (computed by Python at test time over
 * hand-picked and random patterns and names), and a pattern of many stars cannot make a match run
 * long (a regular expression of many {@code .*} once took seconds on one name).
 */
class GlobTest {
  private static final String ALPHABET = "CAHNO*?[]!-1a";

  @Test
  void matchesAsFnmatchDoes() throws IOException {
    List<String> patterns = new ArrayList<>(List.of("C*", "CA", "?A", "C[AB]", "C[!A]", "[]]", "[!]]", "[a-c]",
        "[c-a]", "[", "[!", "C*A*", "*", "", "**", "N?*", "[A-]", "[-A]", "O[!]", "H[1-3]*"));
    List<String> names = new ArrayList<>(List.of("CA", "CB", "C", "", "N", "NH1", "]", "b", "[", "[!", "A-", "-",
        "O]", "H2", "H22", "OXT", "a"));
    Random random = new Random(11);
    for (int i = 0; i < 150; i++) {
      patterns.add(randomText(random, 1 + random.nextInt(6)));
      names.add(randomText(random, random.nextInt(5)).replace("*", "").replace("?", ""));
    }
    String script = "import sys, fnmatch\n"
        + "pats = sys.argv[1].split('\\x1f'); names = sys.argv[2].split('\\x1f')\n"
        + "print(''.join('1' if fnmatch.fnmatchcase(n, p) else '0' for p in pats for n in names))\n";
    String expected = TestEnvironment.python(script, String.join("\u001f", patterns), String.join("\u001f", names))
        .trim();
    StringBuilder actual = new StringBuilder();
    for (String p : patterns) {
      Glob g = Glob.of(p);
      for (String n : names) {
        actual.append(g.matches(n) ? '1' : '0');
      }
    }
    assertEquals(patterns.size() * names.size(), expected.length());
    for (int k = 0; k < expected.length(); k++) {
      String p = patterns.get(k / names.size());
      String n = names.get(k % names.size());
      assertEquals(expected.charAt(k), actual.charAt(k), "pattern '" + p + "' on name '" + n + "'");
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void manyStarsCannotMakeAMatchRunLong() {
    String pattern = "a" + "*a".repeat(200) + "*b";
    String name = "a".repeat(5000);
    assertFalse(Glob.of(pattern).matches(name));
    assertTrue(Glob.of(pattern).matches(name + "b"));
    // the input found by fuzzing: a name pattern of many stars against the residues' atom names
    String found = ".p\u00df*\u0451\u0515*\u0192**%[[*+*****" + "*".repeat(120) + "A";
    assertFalse(Glob.of(found).matches("CA".repeat(2000)));
  }

  private static String randomText(Random random, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
