/** Network helpers for store tests: {@link io.trajstream.testkit.net.FaultProxy}. */
package io.trajstream.testkit.net;
