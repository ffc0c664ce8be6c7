/**
 * Single-file Zarr stores: {@link io.trajstream.runtime.zip.ZipStore} reads a zip archive (as
 * zarr-python's {@code ZipStore} writes it) by ranged reads from any store, and {@link
 * io.trajstream.runtime.zip.ZipWriter} writes one, uncompressed ({@code ZIP_STORED}) with zip64
 * where sizes or offsets need it.
 */
package io.trajstream.runtime.zip;
