package io.trajstream.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.azure.AzureOptions;
import io.trajstream.azure.Azurite;
import io.trajstream.azure.AzuriteExtension;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreEntry;
import io.trajstream.store.StoreFactory;
import io.trajstream.cli.CliRun;
import io.trajstream.testkit.StoreFixtures;
import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code trajstream} command end to end on {@code az://} URLs against Azurite: peer H5MD files
 * (read through their HDF5 metadata, and through a byte-range index written beside the blob by
 * {@code trajstream index}) and a zarrtraj-written zarrmd uploaded to the emulator print the same
 * {@code info}, {@code frames} and {@code analyze} output as the same files on local disk, and
 * {@code convert} writes a zarrmd to {@code az://} that reads back equal to its source. The store
 * is reached with {@code --storage-option azure.connection-string=…} (shared key, which Azurite
 * checks); the key never appears in the output.
 */
class AzureEndToEndTest {
  @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();
  private static final String CONTAINER = "cli-e2e";
  private static final String COBROTOXIN = "mdanalysis/cobrotoxin.h5md";
  private static final String SMALL = "mdanalysis/coordinates/test.h5md";
  private static final String ZARRMD = "zarrtraj/COORDINATES_SYNTHETIC_ZARRMD.zarrmd";

  private static Path data;

  @TempDir Path tmp;

  @BeforeAll
  static void upload() throws IOException {
    data = TestEnvironment.requireSharedData();
    AZURITE.server().createContainer(CONTAINER);
    try (Store az = azStore()) {
      for (String f : List.of(COBROTOXIN, SMALL)) {
        byte[] bytes = Files.readAllBytes(data.resolve(f));
        az.write("plain/" + f, bytes);
        az.write("indexed/" + f, bytes);
      }
      StoreFixtures.upload(data.resolve(ZARRMD), az, ZARRMD);
    }
  }

  /** The container through the factory that ServiceLoader finds for {@code az}. */
  private static Store azStore() throws IOException {
    StoreFactory factory =
        ServiceLoader.load(StoreFactory.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(f -> f.schemes().contains("az"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no store for az:// on the command's class path"));
    return factory.create(URI.create("az://" + CONTAINER + "/"),
        StoreConfig.of(Map.of(AzureOptions.CONNECTION_STRING, AZURITE.server().connectionString())));
  }

  private static String az(String key) {
    return "az://" + CONTAINER + "/" + key;
  }

  private static String local(String file) {
    return data.resolve(file).toString();
  }

  /** Runs the command in-process (with the store option when an az:// URL is involved); it must succeed. */
  private static String ok(String... args) {
    CliRun r = run(args);
    assertEquals(0, r.exitCode(), "trajstream " + String.join(" ", args) + " failed:\n" + r.err());
    return r.out();
  }

  private static CliRun run(String... args) {
    List<String> a = new ArrayList<>(List.of(args));
    if (a.stream().anyMatch(x -> x.startsWith("az://")) && !a.contains("--storage-option")) {
      a.add("--storage-option");
      a.add(AzureOptions.CONNECTION_STRING + "=" + AZURITE.server().connectionString());
    }
    CliRun r = CliRun.of(a.toArray(String[]::new));
    assertFalse(r.out().contains(Azurite.KEY) || r.err().contains(Azurite.KEY), "the account key was printed");
    return r;
  }

  /** The output with the trajectory's own location (which differs by design) taken out. */
  private static String normalise(String out) {
    return out.replaceAll("\"(store|url|location|file|source)\"\\s*:\\s*\"[^\"]*\"", "\"$1\":\"-\"");
  }

  /** Each command prints the same for the local file and the az:// blob. */
  private static void assertSameOutput(String localUrl, String azUrl, List<List<String>> commands) {
    for (List<String> cmd : commands) {
      String[] l = cmd.stream().map(x -> x.equals("URL") ? localUrl : x).toArray(String[]::new);
      String[] r = cmd.stream().map(x -> x.equals("URL") ? azUrl : x).toArray(String[]::new);
      String lo = ok(l);
      String ro = ok(r);
      assertTrue(lo.length() > 20, "no output from trajstream " + String.join(" ", l) + ": " + lo);
      assertEquals(normalise(lo), normalise(ro), "trajstream " + String.join(" ", cmd));
    }
  }

  private static List<List<String>> commands(String atoms) {
    return List.of(
        List.of("info", "URL", "--json"),
        List.of("frames", "URL", "--frames", "0:3", "--atoms", atoms, "--json"),
        List.of("frames", "URL", "--frames", "0,2", "--atoms", atoms, "--units", "md", "--fields", "position,box", "--json"),
        List.of("analyze", "rmsd", "URL", "-q"),
        List.of("analyze", "rg", "URL", "-q"),
        List.of("analyze", "rmsf", "URL", "-q"),
        List.of("analyze", "com", "URL", "-q", "--weights", "none", "--units", "md"));
  }

  @Test
  void h5mdGivesTheSameValuesAsFromLocalDisk() {
    assertSameOutput(local(COBROTOXIN), az("plain/" + COBROTOXIN), commands("0,1,500,19384"));
    assertSameOutput(local(SMALL), az("plain/" + SMALL), commands("0:5"));
  }

  @Test
  void h5mdWithItsIndexGivesTheSameValuesAndSkipsTheMetadataReads() throws Exception {
    for (String f : List.of(COBROTOXIN, SMALL)) {
      String out = ok("index", az("indexed/" + f));
      assertTrue(out.contains(az("indexed/" + f) + ".refs.json"), out);
    }
    assertSameOutput(local(COBROTOXIN), az("indexed/" + COBROTOXIN), commands("0,1,500,19384"));
    assertSameOutput(local(SMALL), az("indexed/" + SMALL), commands("0:5"));

    // As the server saw it: opening with the index reads the index, then no HDF5 metadata.
    String indexedBlob = "/" + CONTAINER + "/indexed%2Fmdanalysis%2Fcobrotoxin.h5md";
    String plainBlob = "/" + CONTAINER + "/plain%2Fmdanalysis%2Fcobrotoxin.h5md";
    int indexedBefore = gets(indexedBlob + " ");
    int plainBefore = gets(plainBlob + " ");
    int indexReadsBefore = gets(indexedBlob + ".refs.json ");
    ok("info", az("indexed/" + COBROTOXIN), "--json");
    ok("info", az("plain/" + COBROTOXIN), "--json");
    int indexedGets = gets(indexedBlob + " ") - indexedBefore;
    int plainGets = gets(plainBlob + " ") - plainBefore;
    assertEquals(1, gets(indexedBlob + ".refs.json ") - indexReadsBefore, "one read of the index");
    assertTrue(plainGets > 0, "without the index the HDF5 metadata is read: " + plainGets);
    assertTrue(indexedGets < plainGets, "with the index " + indexedGets + " reads of the file, without " + plainGets);
  }

  /** Successful GETs of paths containing {@code pathPart} that Azurite logged. */
  private static int gets(String pathPart) throws Exception {
    return (int) AZURITE.server().requests(pathPart).stream()
        .filter(l -> l.startsWith("\"GET ") && (l.contains("\" 200 ") || l.contains("\" 206 ")))
        .count();
  }

  @Test
  void zarrmdGivesTheSameValuesAsFromLocalDisk() {
    assertSameOutput(local(ZARRMD), az(ZARRMD), commands("0:5"));
  }

  @Test
  void convertWritesZarrmdToAzureThatReadsBackEqual() throws IOException {
    String target = az("converted/cobrotoxin.zarrmd");
    ok("convert", local(COBROTOXIN), target, "-q", "--chunk-frames", "2");
    Path localCopy = tmp.resolve("cobrotoxin.zarrmd");
    ok("convert", local(COBROTOXIN), localCopy.toString(), "-q", "--chunk-frames", "2");

    String atoms = "0,1,777,19384";
    for (List<String> cmd : List.of(
        List.of("frames", "URL", "--frames", "0:3", "--atoms", atoms, "--json"),
        List.of("analyze", "rmsd", "URL", "-q"),
        List.of("analyze", "rmsf", "URL", "-q"))) {
      String fromSource = ok(cmd.stream().map(x -> x.equals("URL") ? local(COBROTOXIN) : x).toArray(String[]::new));
      String fromAzure = ok(cmd.stream().map(x -> x.equals("URL") ? target : x).toArray(String[]::new));
      assertEquals(normalise(fromSource), normalise(fromAzure), "trajstream " + String.join(" ", cmd));
    }
    String info = ok("info", target, "--json");
    assertTrue(info.contains("\"format\":\"zarrmd\"") || info.contains("\"format\": \"zarrmd\""), info);
    assertEquals(normalise(ok("info", localCopy.toString(), "--json")), normalise(info));

    // The same objects as the conversion to local disk wrote.
    try (Store az = azStore(); Stream<Path> files = Files.walk(localCopy)) {
      List<String> azKeys = az.list("converted/cobrotoxin.zarrmd/").map(StoreEntry::key)
          .map(k -> k.substring("converted/cobrotoxin.zarrmd/".length())).sorted().collect(Collectors.toList());
      List<String> localKeys = files.filter(Files::isRegularFile)
          .map(p -> localCopy.relativize(p).toString().replace('\\', '/')).sorted().collect(Collectors.toList());
      assertEquals(localKeys, azKeys);
    }
  }

  @Test
  void storeErrorsAreOneLineNamingTheBlob() {
    CliRun missing = run("info", az("plain/no-such.h5md"), "--json");
    assertEquals(1, missing.exitCode(), missing.err());
    assertEquals(1, missing.err().lines().count(), missing.err());
    assertTrue(missing.err().contains(az("plain/no-such.h5md")), missing.err());

    String wrongKey = java.util.Base64.getEncoder().encodeToString(new byte[64]);
    CliRun denied = run("info", az("plain/" + SMALL), "--json",
        "--storage-option", AzureOptions.ACCOUNT + "=" + Azurite.ACCOUNT,
        "--storage-option", AzureOptions.ACCOUNT_KEY + "=" + wrongKey,
        "--storage-option", AzureOptions.ENDPOINT + "=" + AZURITE.server().endpoint(),
        "--storage-option", AzureOptions.MAX_TRIES + "=1");
    assertEquals(1, denied.exitCode(), denied.err());
    assertEquals(1, denied.err().lines().count(), denied.err());
    assertTrue(denied.err().contains(az("plain/" + SMALL)) && denied.err().contains("403"), denied.err());
    assertFalse(denied.err().contains(wrongKey), denied.err());
  }
}
