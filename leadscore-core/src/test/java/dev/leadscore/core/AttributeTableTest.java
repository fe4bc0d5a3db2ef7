package dev.leadscore.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lead's attribute table behaves as the unmodifiable map it replaced. */
class AttributeTableTest {

  @Test
  void isTheSameMapAsAHashMapOfItsEntries() {
    // Names from a small alphabet so that colliding hashes and probe chains occur.
    Gen<Map<String, String>> maps = Gen.maps(Gen.strings("abAB_1", 1, 4), Gen.strings("xyz", 0, 3), 0, 40);
    PropertyCheck.forAll(maps, Gen.strings("abAB_1", 1, 4), (m, probe) -> {
      Map<String, AttributeValue> source = new HashMap<>();
      m.forEach((k, v) -> source.put(k, new AttributeValue.Text(v)));
      AttributeTable t = AttributeTable.copyOf(source);
      assertEquals(source, t);
      assertEquals(t, source);
      assertEquals(source.hashCode(), t.hashCode());
      assertEquals(source.size(), t.size());
      assertEquals(source.keySet(), t.keySet());
      for (Map.Entry<String, AttributeValue> e : source.entrySet()) {
        // A key equal to, but not the same instance as, the stored one.
        String copy = new String(e.getKey().toCharArray());
        assertSame(e.getValue(), t.lookup(copy), copy);
        assertSame(e.getValue(), t.get(copy), copy);
        assertTrue(t.containsKey(copy));
      }
      assertEquals(source.get(probe), t.lookup(probe), probe);
      assertEquals(source.containsKey(probe), t.containsKey(probe));
    });
  }

  @Test
  void refusesChangesAndForeignKeys() {
    AttributeTable t = AttributeTable.copyOf(Map.of("a", AttributeValue.ABSENT, "b", new AttributeValue.Num(2)));
    assertThrows(UnsupportedOperationException.class, () -> t.put("c", AttributeValue.ABSENT));
    assertThrows(UnsupportedOperationException.class, () -> t.remove("a"));
    assertThrows(UnsupportedOperationException.class, t::clear);
    Iterator<Map.Entry<String, AttributeValue>> it = t.entrySet().iterator();
    it.next();
    assertThrows(UnsupportedOperationException.class, it::remove);
    assertThrows(UnsupportedOperationException.class, () -> t.entrySet().iterator().next().setValue(AttributeValue.ABSENT));
    assertNull(t.get(42));
    assertEquals(2, t.size());
    assertEquals(Set.of("a", "b"), t.keySet());
  }

  @Test
  void emptyTableFindsNothing() {
    AttributeTable t = AttributeTable.copyOf(Map.of());
    assertTrue(t.isEmpty());
    assertNull(t.lookup("a"));
    assertEquals(Map.of(), t);
    assertThrows(java.util.NoSuchElementException.class, () -> t.entrySet().iterator().next());
  }

  @Test
  void leadLookupsGoThroughTheTable() {
    Lead lead = Lead.builder("L1").text("title", "CEO").number("size", 12).build();
    assertEquals(new AttributeValue.Text("CEO"), lead.attribute(new String("title".toCharArray())));
    assertSame(AttributeValue.ABSENT, lead.attribute("nothing"));
    assertEquals(Map.of("title", new AttributeValue.Text("CEO"), "size", new AttributeValue.Num(12)), lead.attributes());
  }
}
