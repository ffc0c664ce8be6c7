/** Training-style sampling of frames over a modelled wide-area link: {@link io.trajstream.benchmarks.sampling.SamplingOverLink}. */
package io.trajstream.benchmarks.sampling;
