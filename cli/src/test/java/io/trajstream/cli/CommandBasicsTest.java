package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandBasicsTest {
  @Test
  void versionPrintsTheBuildVersion() {
    CliRun r = CliRun.of("--version");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().matches("(?s)trajstream \\d+\\.\\d+\\.\\d+.*"), r.out());
  }

  @Test
  void pluginsListsEverySchemeFormatAndAnalysisWithItsModule() {
    CliRun r = CliRun.of("plugins");
    assertEquals(0, r.exitCode(), r.err());
    for (String scheme : new String[] {"file", "mem", "http", "https"}) {
      assertTrue(r.out().lines().anyMatch(l -> l.matches("store\\s+" + scheme + "\\s+trajstream-\\S+\\s+\\S+")), r.out());
    }
    assertTrue(r.out().lines().anyMatch(l -> l.matches("analysis\\s+rmsd\\s+trajstream-analysis\\s+\\S+")), r.out());
  }

  @Test
  void unknownSubcommandIsUsageErrorInOneLine() {
    CliRun r = CliRun.of("frobnicate");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().startsWith("trajstream: Unmatched argument"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace without --debug");
  }

  @Test
  void missingSchemeIsUsageErrorNamingTheModule() {
    CliRun r = CliRun.of("info", "ftp://host/run.h5md");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("no store for scheme 'ftp'") && r.err().contains("add a module"), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void unrecognisedFileIsRuntimeFailureWithOneLineAndTraceOnlyWithDebug(@TempDir Path dir) throws Exception {
    Path junk = dir.resolve("junk.bin");
    Files.writeString(junk, "this is not a trajectory");
    CliRun r = CliRun.of("info", junk.toString());
    assertTrue(r.exitCode() == 1 || r.exitCode() == 2, r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("junk.bin"), r.err());
    CliRun d = CliRun.of("info", junk.toString(), "--debug");
    assertTrue(d.err().contains("\tat "), "stack trace with --debug: " + d.err());
  }

  @Test
  void badStorageOptionIsUsageError() {
    CliRun r = CliRun.of("info", "mem://x/run.h5md", "--storage-option", "novalue");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("novalue") && r.err().contains("key=value"), r.err());
  }
}
