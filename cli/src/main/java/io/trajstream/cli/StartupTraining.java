package io.trajstream.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The build's training runs for the class-data archives (AppCDS) that make the command start fast:
 * each runs a set of commands once, in one JVM, on a small H5MD file, so that the JVM lists every
 * class they load ({@code -XX:DumpLoadedClassList}); the build then dumps those classes into an
 * archive the {@code trajstream} launcher maps. Not a command of its own.
 *
 * <p>Three sets, three archives: {@code short} (version, help, plugins, info, frames, index on
 * local files: a small archive, quick to map), {@code remote} (the short set plus {@code info} of
 * the file over HTTP and through the S3 client, from a loopback {@link TrainingServer}: the
 * launcher maps it for a quick command given a URL, since the clients' classes would make every
 * local run map 40% more) and {@code all} (everything, with analyses and a conversion, local and
 * remote, for the commands that run long). Arguments: the set, the training H5MD file and a
 * scratch directory. {@code all} empties the scratch directory and leaves the zarrmd it converts
 * there; {@code remote} and then {@code short}, run after it, read that zarrmd, and {@code short}
 * deletes the directory. A command that fails is reported on
 * stderr; the run still ends normally, since an archive is only a speed-up. With {@code
 * -Dtrajstream.training.java-record=FILE} it writes the path of the java running it to FILE: an
 * archive fits only that java.
 */
public final class StartupTraining {
  private StartupTraining() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3 || !List.of("short", "remote", "all").contains(args[0])) {
      System.err.println("usage: StartupTraining short|remote|all TRAINING.h5md SCRATCH_DIR");
      System.exit(TrajStreamCommand.USAGE);
    }
    boolean all = args[0].equals("all");
    String h5md = Path.of(args[1]).toAbsolutePath().toString();
    Path scratch = Path.of(args[2]).toAbsolutePath();
    if (all) {
      deleteTree(scratch);
    }
    Files.createDirectories(scratch);
    String zarrmd = scratch.resolve("training.zarrmd").toString();
    List<String[]> commands = new ArrayList<>(List.of(
        new String[] {"--version"},
        new String[] {"--help"},
        new String[] {"info", "--help"},
        new String[] {"plugins"},
        new String[] {"info"}, // bad usage: the error path
        new String[] {"info", h5md},
        new String[] {"info", "--json", h5md},
        new String[] {"frames", "--json", h5md, "--frames", "0,5", "--atoms", "0:3"},
        new String[] {"index", h5md, "--out", scratch.resolve(args[0] + ".refs.json").toString()}));
    if (all) {
      commands.addAll(List.of(
          new String[] {"analyze", "--help"},
          new String[] {"analyze", "rg", h5md, "--quiet"},
          new String[] {"analyze", "rmsd", h5md, "--quiet", "--threads", "2"},
          new String[] {"convert", h5md, zarrmd, "--chunk-frames", "4"},
          new String[] {"analyze", "rg", zarrmd, "--quiet", "--out", scratch.resolve("rg.json").toString()}));
    }
    if (Files.isDirectory(Path.of(zarrmd))) {
      commands.add(new String[] {"info", zarrmd});
      commands.add(new String[] {"frames", "--json", zarrmd, "--frames", "0:3"});
    }
    // the remote read paths: the same file over HTTP and through the S3 client, from a loopback server
    boolean remote = !args[0].equals("short");
    TrainingServer server = new TrainingServer(Path.of(h5md).getParent());
    String name = Path.of(h5md).getFileName().toString();
    String[] s3 = {"--storage-option", "s3.endpoint=" + server.root().substring(0, server.root().length() - 1),
        "--storage-option", "s3.path-style=true", "--storage-option", "s3.region=us-east-1",
        "--storage-option", "s3.access-key-id=training", "--storage-option", "s3.secret-access-key=training"};
    if (remote) {
      commands.add(new String[] {"info", server.root() + name});
      commands.add(concat(new String[] {"info", "s3://training/" + name}, s3));
    }
    if (all) {
      commands.add(new String[] {"analyze", "rg", server.root() + name, "--quiet"});
      commands.add(concat(new String[] {"analyze", "rg", "s3://training/" + name, "--quiet"}, s3));
    }
    Main.preparePicocli(); // as the command runs; also puts its entry point in the archive
    List<String> failures = new ArrayList<>();
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    for (String[] c : commands) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = TrajStreamCommand.execute(quiet, new PrintStream(err, true, StandardCharsets.UTF_8), c);
      boolean expectedUsageError = c.length == 1 && c[0].equals("info");
      if (code != (expectedUsageError ? TrajStreamCommand.USAGE : 0)) {
        failures.add("'" + String.join(" ", c) + "' exited " + code + ": " + err.toString(StandardCharsets.UTF_8).strip());
      }
    }
    server.close();
    if (args[0].equals("short")) {
      deleteTree(scratch);
    }
    String record = System.getProperty("trajstream.training.java-record");
    if (record != null) {
      // an archive fits only the java that writes it: the launcher compares this path with its own
      String java = ProcessHandle.current().info().command().orElse("");
      Files.writeString(Path.of(record), java + "\n", StandardCharsets.UTF_8);
    }
    for (String f : failures) {
      System.err.println("startup training: " + f);
    }
    System.out.println("startup training (" + args[0] + "): ran " + commands.size() + " commands, " + failures.size() + " failed");
    System.exit(0); // the analyses leave idle pool threads behind
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
