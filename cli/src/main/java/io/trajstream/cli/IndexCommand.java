package io.trajstream.cli;

import io.trajstream.h5md.H5mdFormat;
import io.trajstream.h5md.KerchunkIndexWriter;
import io.trajstream.runtime.StoreUrl;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.Store;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trajstream index SRC.h5md [--out DST.json]}: writes a kerchunk-compatible byte-range index
 * of an H5MD file, by default beside it as {@code SRC.h5md.refs.json}, where readers find it.
 */
@Command(name = "index", description = "Write a kerchunk-compatible byte-range index (JSON) of an H5MD file; "
    + "by default beside it as SRC.refs.json, where readers find it.")
final class IndexCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "SRC", description = "H5MD file URL or path.")
  String src;

  @Option(names = "--out", paramLabel = "DST", description = "Where to write the index (URL or path; - for stdout). "
      + "Default: beside SRC as SRC" + H5mdFormat.INDEX_SUFFIX + ".")
  String out;

  @Option(names = "--url", paramLabel = "URL", description = "The URL chunk references name (default: SRC as an absolute URL).")
  String refUrl;

  @Option(names = "--inline-bytes", paramLabel = "N", description = "Inline chunks of at most N bytes as base64 (default: ${DEFAULT-VALUE}).")
  int inlineBytes = KerchunkIndexWriter.DEFAULT_INLINE_BYTES;

  @Override
  public Integer call() throws Exception {
    TrajStream ts = CommandPlugins.trajStream();
    StoreUrl source = StoreUrl.parse(src);
    String json;
    try (Store store = ts.openStore(source, common.storeConfig())) {
      json = new KerchunkIndexWriter(inlineBytes).index(store, source.key(), refUrl != null ? refUrl : source.toString());
    }
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    PrintWriter o = spec.commandLine().getOut();
    if ("-".equals(out)) {
      o.println(json);
    } else {
      StoreUrl target = StoreUrl.parse(out != null ? out : source + H5mdFormat.INDEX_SUFFIX);
      try (Store store = ts.openStore(target, common.storeConfig())) {
        store.write(target.key(), bytes);
      }
      o.println("wrote " + target + " (" + bytes.length + " bytes)");
    }
    o.flush();
    return 0;
  }
}
