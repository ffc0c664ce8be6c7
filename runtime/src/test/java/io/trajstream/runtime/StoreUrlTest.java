package io.trajstream.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** URLs read as URLs: query and user-info kept on the root, escapes kept once, secrets masked. */
class StoreUrlTest {

  @Test
  void presignedQueryStaysOnTheRootAndIsMaskedWhenShown() {
    StoreUrl u = StoreUrl.parse("https://bucket.example.org/runs/a.h5md?X-Amz-Algorithm=AWS4-HMAC-SHA256"
        + "&X-Amz-Credential=AKID%2F2024&X-Amz-Security-Token=TOK123&X-Amz-Signature=abcdef123456");
    assertEquals("https", u.scheme());
    assertEquals("a.h5md", u.key());
    assertEquals("/runs/", u.root().getRawPath());
    assertEquals("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F2024&X-Amz-Security-Token=TOK123"
        + "&X-Amz-Signature=abcdef123456", u.root().getRawQuery());
    assertEquals("https://bucket.example.org/runs/a.h5md?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=****"
        + "&X-Amz-Security-Token=****&X-Amz-Signature=****", u.toString());
  }

  @Test
  void sasQueryOfADirectoryShapedKey() {
    StoreUrl u = StoreUrl.parse("az://container/runs/x.zarrmd/?sv=2024-01-01&sr=c&sig=SECRETSIG%3D");
    assertEquals("x.zarrmd", u.key());
    assertEquals("az://container/runs/?sv=2024-01-01&sr=c&sig=SECRETSIG%3D", u.root().toString());
    assertEquals("az://container/runs/x.zarrmd?sv=2024-01-01&sr=c&sig=****", u.toString());
  }

  @Test
  void userInfoStaysOnTheRootAndItsPasswordIsMasked() {
    StoreUrl u = StoreUrl.parse("http://alice:pa%40ss word@host:8080/d/t.h5md");
    assertEquals("alice:pa%40ss%20word", u.root().getRawUserInfo());
    assertEquals("host", u.root().getHost());
    assertEquals("http://alice:****@host:8080/d/t.h5md", u.toString());
    assertEquals("https://****@host/t.h5md", StoreUrl.parse("https://ghp_TOKEN@host/t.h5md").toString(),
        "a user-info without a password is usually a token");
  }

  @Test
  void typedEscapesAreKeptOnceAndKeysDecoded() {
    StoreUrl typed = StoreUrl.parse("https://h/my%20dir/a%20b.h5md");
    assertEquals("/my%20dir/", typed.root().getRawPath());
    assertEquals("/my dir/", typed.root().getPath());
    assertEquals("a b.h5md", typed.key());
    StoreUrl raw = StoreUrl.parse("https://h/my dir/a b.h5md");
    assertEquals(typed, raw, "raw spaces and typed escapes mean the same");
    StoreUrl s3 = StoreUrl.parse("s3://bucket/my%20dir/x.zarrmd/");
    assertEquals("/my dir/", s3.root().getPath());
    assertEquals("x.zarrmd", s3.key());
    StoreUrl percent = StoreUrl.parse("https://h/100%/a%zz.h5md");
    assertEquals("/100%25/", percent.root().getRawPath(), "a % that starts no escape is a percent sign");
    assertEquals("a%zz.h5md", percent.key());
    StoreUrl unicode = StoreUrl.parse("gs://b/dïr/wåter.h5md");
    assertEquals("/d%C3%AFr/", unicode.root().getRawPath());
    assertEquals("wåter.h5md", unicode.key());
  }

  @Test
  void fileUrlsWithRawNonAsciiOpen(@TempDir Path dir) throws IOException {
    Path sub = Files.createDirectories(dir.resolve("fïlé dir 水"));
    Files.write(sub.resolve("trå.h5md"), new byte[] {1});
    for (String url : new String[] {
        "file://" + sub + "/trå.h5md", "file:" + sub + "/trå.h5md", "file://localhost" + sub + "/trå.h5md",
        sub.resolve("trå.h5md").toUri().toString(), sub.resolve("trå.h5md").toString()}) {
      StoreUrl u = StoreUrl.parse(url);
      assertEquals("file", u.scheme(), url);
      assertEquals("trå.h5md", u.key(), url);
      assertEquals(sub, Path.of(u.root()), url);
      assertTrue(Files.exists(Path.of(u.root()).resolve(u.key())), url);
    }
    assertThrows(IllegalArgumentException.class, () -> StoreUrl.parse("file://otherhost/x.h5md"));
  }

  @Test
  void badUrlsAreOneLineErrorsWithoutTheirSecrets() {
    IllegalArgumentException noObject = assertThrows(IllegalArgumentException.class,
        () -> StoreUrl.parse("https://bob:hunter22@host?sig=SECRETSIG"));
    assertFalse(noObject.getMessage().contains("hunter22") || noObject.getMessage().contains("SECRETSIG"), noObject.getMessage());
    IllegalArgumentException fragment = assertThrows(IllegalArgumentException.class,
        () -> StoreUrl.parse("s3://bucket/run#1.h5md"));
    assertTrue(fragment.getMessage().contains("%23"), fragment.getMessage());
  }

  @Test
  void withKeyKeepsTheRoot() {
    StoreUrl u = StoreUrl.parse("https://h/d/a.h5md?token=T0KEN");
    StoreUrl index = u.withKey("a.h5md.refs.json");
    assertEquals(u.root(), index.root());
    assertEquals("https://h/d/a.h5md.refs.json?token=****", index.toString());
  }

  @Test
  void urlSecretsMaskEverySecretParameterAndScrubText() {
    assertEquals("https://h/x?token=****&password=****&Signature=****&keep=1",
        UrlSecrets.redact("https://h/x?token=a&password=b&Signature=c&keep=1"));
    UrlSecrets s = UrlSecrets.of(java.net.URI.create("https://u:pw%2Fsecret@h/x?sig=abc%2Bdef"));
    assertEquals("failed: **** and **** and ****", s.scrub("failed: pw/secret and abc+def and abc%2Bdef"));
    assertNull(s.scrub(null));
  }
}
