package io.strata.controller.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.strata.csi.CsiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListingCursorTest {
  @Test
  void roundTripsNamesWithAnyCharacters() {
    Listing.Cursor cursor = new Listing.Cursor("b9127830-cluster", 7, "pvc-1\nwith/odd ✓ chars");
    String token = cursor.encode();
    assertTrue(token.matches("[A-Za-z0-9_-]+"), "a token is URL-safe: " + token);
    assertEquals(cursor, Listing.Cursor.decode(token));
  }

  @Test
  void ordersLocationsByClusterThenLocationId() {
    Listing.Cursor a1 = new Listing.Cursor("a", 1, "z");
    Listing.Cursor a2 = new Listing.Cursor("a", 2, "a");
    Listing.Cursor b0 = new Listing.Cursor("b", 0, "a");
    assertTrue(a1.compareLocation(a2) < 0);
    assertTrue(a2.compareLocation(b0) < 0);
    assertEquals(0, a1.compareLocation(new Listing.Cursor("a", 1, "other")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bogus", "%%%", "MQ", "MgpjCjEKeA", "MQpjCnNldmVuCng"})
  void aTokenThisPluginDidNotIssueIsAborted(String token) {
    CsiException e = assertThrows(CsiException.class, () -> Listing.Cursor.decode(token));
    assertEquals(Status.Code.ABORTED, e.code());
  }
}
