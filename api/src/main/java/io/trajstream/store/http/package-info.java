/**
 * Support for store plugins that speak HTTP: a small blocking HTTP/1.1 client with a keep-alive
 * pool per origin ({@link io.trajstream.store.http.Http1Client}), bounded and timed bodies ({@link
 * io.trajstream.store.http.BodyReader}), {@code Content-Range} parsing. JDK only; shared by the
 * runtime's {@code HttpStore} and the S3 store's read path.
 */
package io.trajstream.store.http;
