package io.trajstream.zarr;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.FormatException;
import io.trajstream.store.MemoryStore;
import io.trajstream.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A {@code .zmetadata} that no longer agrees with the store is reported, naming the key and how to
 * fix it, and {@link ZarrHierarchy#reconsolidate} rewrites it from the objects the store holds.
 */
class StaleConsolidatedMetadataTest {
  private static Store consolidatedStore() throws IOException {
    Store store = new MemoryStore();
    ZarrHierarchy h = ZarrHierarchy.create(store);
    ZarrGroup.create(h, "", null);
    ZarrArray a = ZarrArray.create(h, "x", ArrayMetadata.of(new long[] {8}, new int[] {4}, DataType.FLOAT64, 0.0, null), null);
    a.write(new long[] {0}, new int[] {8}, DataType.FLOAT64.fromDoubles(new double[] {0, 1, 2, 3, 4, 5, 6, 7}));
    h.consolidate();
    return store;
  }

  /** Changes one field of the stored {@code x/.zarray} as another tool would, leaving {@code .zmetadata} alone. */
  private static void editZarray(Store store, String field, int value) throws IOException {
    com.fasterxml.jackson.databind.node.ObjectNode n = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(store.readAll("x/.zarray"));
    n.putArray(field).add(value);
    store.write("x/.zarray", Json.write(n));
  }

  @Test
  void aShapeChangedBehindTheConsolidatedMetadataIsReportedWithTheKeyAndTheFix() throws IOException {
    Store store = consolidatedStore();
    editZarray(store, "shape", 12);
    ZarrHierarchy h = ZarrHierarchy.open(store);
    assertEquals(8, h.array("x").shape()[0], "consolidated metadata is what a reader sees first");
    FormatException e = assertThrows(FormatException.class, () -> h.checkConsolidated("x/.zarray"));
    assertTrue(e.getMessage().contains("x/.zarray") && e.getMessage().contains("shape")
        && e.getMessage().contains("[12]") && e.getMessage().contains("trajstream consolidate"), e.getMessage());

    assertTrue(ZarrHierarchy.reconsolidate(store) >= 2, "the root .zgroup and x/.zarray");
    ZarrHierarchy again = ZarrHierarchy.open(store);
    assertTrue(again.isConsolidated());
    assertEquals(12, again.array("x").shape()[0]);
    assertDoesNotThrow(() -> again.checkConsolidated("x/.zarray"));
  }

  @Test
  void aChunkThatDoesNotFitTheConsolidatedChunkShapeNamesTheFix() throws IOException {
    Store store = consolidatedStore();
    ZarrHierarchy before = ZarrHierarchy.open(store);
    // rewrite the array with 2-element chunks behind the consolidated metadata's back
    editZarray(store, "chunks", 2);
    ZarrArray fresh = ZarrHierarchy.open(store, false).array("x");
    assertEquals(2, fresh.metadata().chunks()[0], new String(store.readAll("x/.zarray"), StandardCharsets.UTF_8));
    fresh.write(new long[] {0}, new int[] {8}, DataType.FLOAT64.fromDoubles(new double[] {0, 1, 2, 3, 4, 5, 6, 7}));
    store.delete("x/1");
    FormatException e = assertThrows(FormatException.class, () -> before.array("x").readAll());
    assertTrue(e.getMessage().contains("trajstream consolidate"), e.getMessage());
  }

  @Test
  void reconsolidateNeedsAGroup() {
    IOException e = assertThrows(IOException.class, () -> ZarrHierarchy.reconsolidate(new MemoryStore()));
    assertTrue(e.getMessage().contains(".zgroup"), e.getMessage());
  }
}
