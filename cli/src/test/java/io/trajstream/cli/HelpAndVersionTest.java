package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * The command's own contract: every command and subcommand of the tree, found by walking picocli's
 * model (so a command added later is covered without editing this test), answers {@code -h},
 * {@code --help}, {@code -V} and {@code --version} with exit code 0, and still rejects bad usage
 * with exit code 2.
 */
class HelpAndVersionTest {

  /** The argument paths of every command: {@code []} for the root, {@code [info]}, {@code [analyze]}, … */
  static List<List<String>> commandPaths() {
    List<List<String>> paths = new ArrayList<>();
    walk(TrajStreamCommand.newCommandLine(), new ArrayList<>(), paths);
    return paths;
  }

  private static void walk(CommandLine cl, List<String> path, List<List<String>> out) {
    out.add(List.copyOf(path));
    for (var e : cl.getSubcommands().entrySet()) {
      // aliases map to the same CommandLine; visit each command once, under its name
      if (!e.getKey().equals(e.getValue().getCommandName())) {
        continue;
      }
      List<String> sub = new ArrayList<>(path);
      sub.add(e.getKey());
      walk(e.getValue(), sub, out);
    }
  }

  private static String[] args(List<String> path, String... more) {
    List<String> a = new ArrayList<>(path);
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  private static String name(List<String> path) {
    return path.isEmpty() ? "trajstream" : "trajstream " + String.join(" ", path);
  }

  @Test
  void theWalkFindsEveryCommand() {
    List<String> names = commandPaths().stream().map(HelpAndVersionTest::name).toList();
    for (String c : new String[] {"trajstream", "trajstream info", "trajstream frames", "trajstream convert",
        "trajstream index", "trajstream bench", "trajstream plugins", "trajstream analyze", "trajstream demo"}) {
      assertTrue(names.contains(c), c + " missing from " + names);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyCommandAnswersHelp() {
    return commandPaths().stream().flatMap(path -> Stream.of("-h", "--help").map(opt ->
        DynamicTest.dynamicTest(name(path) + " " + opt, () -> {
          CliRun r = CliRun.of(args(path, opt));
          assertEquals(0, r.exitCode(), r.err());
          assertTrue(r.out().startsWith("Usage: " + name(path)), r.out());
          assertTrue(r.out().contains("-h, --help") && r.out().contains("-V, --version"), r.out());
          assertEquals("", r.err());
        })));
  }

  @TestFactory
  Stream<DynamicTest> everyCommandAnswersVersion() {
    return commandPaths().stream().flatMap(path -> Stream.of("-V", "--version").map(opt ->
        DynamicTest.dynamicTest(name(path) + " " + opt, () -> {
          CliRun r = CliRun.of(args(path, opt));
          assertEquals(0, r.exitCode(), r.err());
          assertTrue(r.out().matches("trajstream \\d+\\.\\d+\\.\\d+\\S* \\(Java .+\\)\\R"), r.out());
          assertEquals("", r.err());
        })));
  }

  @TestFactory
  Stream<DynamicTest> badUsageStillExitsTwo() {
    return commandPaths().stream().map(path ->
        DynamicTest.dynamicTest(name(path) + " --no-such-option", () -> {
          CliRun r = CliRun.of(args(path, "--no-such-option"));
          assertEquals(2, r.exitCode(), r.err());
          assertTrue(r.err().startsWith("trajstream: "), r.err());
          assertTrue(r.err().contains("Try '" + name(path) + " --help'"), r.err());
          assertFalse(r.err().contains("\tat "), r.err());
        }));
  }

  @Test
  void rootHelpListsEveryCommandThoughARunBuildsOnlyItsOwn() {
    CliRun r = CliRun.of("--help");
    for (List<String> path : commandPaths()) {
      if (path.size() == 1) {
        assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith(path.get(0) + " ")), path + " in\n" + r.out());
      }
    }
    assertEquals(List.of("info"), List.copyOf(TrajStreamCommand.newCommandLine("info", "x.h5md").getSubcommands().keySet()));
    assertTrue(TrajStreamCommand.newCommandLine("--version").getSubcommands().isEmpty());
  }

  @Test
  void helpWinsOverMissingParameters() {
    // before: "Missing required parameter: 'URL'" with exit code 2
    CliRun r = CliRun.of("info", "--help");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("URL"), r.out());
  }
}
