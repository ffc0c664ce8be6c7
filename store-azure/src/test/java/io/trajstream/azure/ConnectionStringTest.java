package io.trajstream.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The parts of connection strings that direct reads use: the blob endpoint as given or as the
 * service forms it from protocol, account and suffix; the credential; blob URLs with every byte of
 * the name but unreserved characters percent-encoded, and the SAS as their query.
 */
class ConnectionStringTest {
  @Test
  void theEndpointIsGivenOrFormedFromTheAccount() {
    ConnectionString given = ConnectionString.parse(
        "DefaultEndpointsProtocol=http;AccountName=acct;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/acct/;");
    assertEquals("http://127.0.0.1:1/acct", given.blobEndpoint());
    assertEquals("acct", given.accountName());
    assertEquals("a2V5", given.accountKey());
    assertNull(given.sharedAccessSignature());
    assertEquals("https://acct.blob.core.windows.net",
        ConnectionString.parse("AccountName=acct;AccountKey=a2V5").blobEndpoint());
    assertEquals("http://acct.blob.core.chinacloudapi.cn", ConnectionString.parse(
        "defaultendpointsprotocol=HTTP;accountname=acct;EndpointSuffix=core.chinacloudapi.cn").blobEndpoint());
    ConnectionString sas = ConnectionString.parse("BlobEndpoint=https://a.blob.core.windows.net;SharedAccessSignature=?sv=1&sig=x%2B");
    assertEquals("sv=1&sig=x%2B", sas.sharedAccessSignature());
    assertNull(sas.accountName());
    assertTrue(ConnectionString.parse("UseDevelopmentStorage=true").developmentStorage());
    assertFalse(sas.developmentStorage());
    assertFalse(ConnectionString.parse("AccountName=acct;AccountKey=secretvalue").toString().contains("secretvalue"));
  }

  @Test
  void blobUrlsEncodeTheNameAndCarryTheSas() {
    URI plain = AzureDirectReads.blobUris("http://h:1/acct/", "box", null).apply("a b/ü+~.bin");
    assertEquals("http://h:1/acct/box/a%20b%2F%C3%BC%2B~.bin", plain.toString());
    assertNull(plain.getRawQuery());
    URI sas = AzureDirectReads.blobUris("https://acct.blob.core.windows.net", "box", "?sv=1&sig=x%2B").apply("k");
    assertEquals("https://acct.blob.core.windows.net/box/k?sv=1&sig=x%2B", sas.toString());
  }
}
