/**
 * MDAnalysis-style atom selections ({@link io.trajstream.analysis.select.Selection}): {@code all},
 * {@code index}, {@code bynum} always; {@code name}, {@code resname}, {@code resid}, {@code segid},
 * {@code type}, {@code protein}, {@code backbone} with a topology; {@code and}, {@code or}, {@code
 * not} and parentheses.
 */
package io.trajstream.analysis.select;
