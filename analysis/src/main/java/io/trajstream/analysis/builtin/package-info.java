/**
 * The built-in analyses, registered with {@link java.util.ServiceLoader} under their names: {@code
 * rmsd} (QCP superposition), {@code rmsf}, {@code rg}, {@code com}, {@code msd} (Einstein, FFT) and
 * {@code rdf} (InterRDF), each following MDAnalysis 2.x. Their accumulators are exact where they
 * reduce over frames ({@link io.trajstream.analysis.builtin.ExactMoments}, integer counts), so any
 * split of the frames gives bit-identical results.
 */
package io.trajstream.analysis.builtin;
