/** The built-in numcodecs-compatible codecs: compressors and filters. */
package io.trajstream.zarr.codec;
