/**
 * Runners that take an analysis off this machine (e.g. onto Apache Spark), found with {@link
 * java.util.ServiceLoader} so that a caller needs no compile-time dependency on the cluster's
 * libraries.
 */
package io.trajstream.analysis.cluster;
