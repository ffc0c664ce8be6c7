/**
 * The H5MD format plugin ({@code h5md}).
 *
 * <p>Opening reads the HDF5 metadata once with jhdf over a {@link java.nio.channels.FileChannel}
 * adapter on the store ({@link io.trajstream.h5md.io.StoreFileChannel}) with a block cache under
 * it, turns it into a small tree ({@link io.trajstream.h5md.tree}) holding each dataset's chunk
 * index with absolute offsets, and reads step and time in one vectored request. A kerchunk
 * reference file ({@link io.trajstream.h5md.KerchunkIndexWriter}) holds the same tree, so opening
 * through it costs one read and no HDF5 metadata at all.
 *
 * <p>Frame data never goes through jhdf: {@link io.trajstream.h5md.read} plans the chunks that
 * cover a request, fetches them with {@link io.trajstream.store.StoreInput#readVectored} (adjacent
 * chunks in one request, the rest concurrently) and decodes them with the filters of {@link
 * io.trajstream.h5md.codec}.
 */
package io.trajstream.h5md;
