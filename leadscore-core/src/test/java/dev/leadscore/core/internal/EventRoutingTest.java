package dev.leadscore.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The event routing table answers exactly as a map would, whichever String instances ask (the
 * same instance as the table's, or an equal one).
 */
class EventRoutingTest {

  @Test
  void answersAsAMapForEqualButDistinctInstances() {
    Gen<List<String>> typeSets = Gen.distinctLists(Gen.strings("ab_X", 1, 4), 1, 30);
    PropertyCheck.forAll(typeSets, Gen.lists(Gen.strings("ab_X", 1, 4), 0, 40), (types, asked) -> {
      Map<String, int[]> byType = new HashMap<>();
      for (int i = 0; i < types.size(); i++) {
        byType.put(types.get(i), new int[] {i, i + 100});
      }
      EventRouting routing = new EventRouting(byType);
      // Ask with fresh equal instances (the equals path)...
      for (String a : asked) {
        String probe = new String(a.toCharArray());
        int[] expected = byType.get(a);
        if (expected == null) {
          assertNull(routing.slotsOf(probe), probe);
        } else {
          assertArrayEquals(expected, routing.slotsOf(probe), probe);
        }
      }
      // ...and with the very instances the table holds (the reference path).
      for (String t : types) {
        assertArrayEquals(byType.get(t), routing.slotsOf(t), t);
      }
    });
  }

  @Test
  void theTableKeepsItsOwnCopiesOfTheSlots() {
    int[] slots = {3, 4};
    EventRouting routing = new EventRouting(Map.of("visit", slots));
    slots[0] = 99;
    assertArrayEquals(new int[] {3, 4}, routing.slotsOf("visit"));
  }
}
