package io.trajstream.h5md.tree;

/** One entry of a dataset's HDF5 filter pipeline: filter id, optional flag and client data. */
public record FilterSpec(int id, boolean optional, int[] clientData) {
  public FilterSpec {
    clientData = clientData == null ? new int[0] : clientData.clone();
  }

  @Override
  public int[] clientData() {
    return clientData.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FilterSpec f && f.id == id && f.optional == optional
        && java.util.Arrays.equals(f.clientData, clientData);
  }

  @Override
  public int hashCode() {
    return id * 31 + java.util.Arrays.hashCode(clientData);
  }

  @Override
  public String toString() {
    return io.trajstream.h5md.codec.Filters.name(id) + java.util.Arrays.toString(clientData);
  }
}
