/**
 * End-to-end tests that drive the {@code trajstream} command in-process ({@code
 * TrajStreamCommand.execute(out, err, args...)}) against real servers and real files. They live in
 * the cli module because it is the only module that sees every store and format plugin; store
 * modules export their test servers (S3Proxy, Azurite, the GCS test server) as test-jars for them.
 * A store module's own tests must not run the shaded jar: in a clean build it does not exist yet
 * when store modules are tested.
 */
package io.trajstream.cli.e2e;
