/**
 * Writing H5MD: a minimal HDF5 writer of our own and the H5MD writer on it.
 *
 * <p>{@link io.trajstream.h5md.write.HdfFileBuilder} writes the subset of the HDF5 file format that
 * trajectories need, in structures HDF5 1.10+ (h5py) and jhdf both read: a version 2 superblock and
 * version 2 object headers (with lookup3 {@link io.trajstream.h5md.write.Checksums}), group members
 * as link messages in the group's header, chunked datasets indexed by version 1 B-trees ({@link
 * io.trajstream.h5md.write.ChunkBTreeWriter}) under a version 3 layout message, deflate and shuffle
 * filters ({@link io.trajstream.h5md.write.HdfFilters}), and variable-length UTF-8 string
 * attributes through a global heap ({@link io.trajstream.h5md.write.GlobalHeapWriter}), which is
 * what MDAnalysis's H5MDReader needs for its unit lookups (h5py hands fixed-length strings back as
 * bytes). Chunks go to the file as they fill; every index and header is written on finish, the
 * superblock last.
 *
 * <p>{@link io.trajstream.h5md.write.H5mdWriter} lays an H5MD 1.1 trajectory out on it, and {@link
 * io.trajstream.h5md.write.H5mdDestination} puts the finished file in place on its store.
 */
package io.trajstream.h5md.write;
