package dev.leadscore.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.ActivityEvent;
import dev.leadscore.core.Lead;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The column form of a lead's events answers as the records do: an equal list, the same types,
 * counts and instants, milliseconds as {@link Instant#toEpochMilli()}, and "after asOf" exactly as
 * {@link Instant#isAfter}, including instants in the same millisecond and the extremes.
 */
class EventColumnsProperties {

  static final Instant T = Instant.parse("2025-06-01T12:00:00.000500Z");

  /** Instants at every scale: near T by nanos and millis, anywhere, and the extreme ends. */
  static Gen<Instant> instants() {
    long limit = Instant.MAX.getEpochSecond();
    return Gen.anyOf(
        Gen.longs(-3_000_000L, 3_000_000L).map(T::plusNanos),
        Gen.longs(-100_000_000_000L, 100_000_000_000L).map(T::plusMillis),
        Gen.zip(Gen.longs(-limit, limit), Gen.longs(0, 999_999_999L), Instant::ofEpochSecond),
        Gen.zip(Gen.longs(8_999_999_999_999_990L, 9_000_000_000_000_010L), Gen.longs(0, 999_999_999L),
            (s, n) -> Instant.ofEpochSecond(s, n)),
        Gen.oneOf(T, T.plusNanos(1), T.minusNanos(1), T.plusMillis(1), T.minusMillis(1), Instant.MIN,
            Instant.MAX, Instant.EPOCH, Instant.EPOCH.minusNanos(1), Instant.MIN.plusNanos(1), Instant.MAX.minusNanos(1)));
  }

  @Test
  void afterIsExactlyInstantIsAfter() {
    PropertyCheck.forAll(20_000, Gen.zip(instants(), instants(), List::of), pair -> {
      Instant at = pair.get(0);
      Instant asOf = pair.get(1);
      EventColumns c = EventColumns.copyOf(List.of(new ActivityEvent("visit", at)));
      assertEquals(at.isAfter(asOf), c.isAfter(0, asOf.getEpochSecond(), asOf.getNano()), at + " after " + asOf);
      assertEquals(EventColumns.epochMillis(at), c.epochMillis(0), at.toString());
    });
  }

  @Test
  void epochMillisNeverReversesTwoInstantsAndIsExactInRange() {
    PropertyCheck.forAll(20_000, Gen.zip(instants(), instants(), List::of), pair -> {
      Instant a = pair.get(0).isBefore(pair.get(1)) ? pair.get(0) : pair.get(1);
      Instant b = a == pair.get(0) ? pair.get(1) : pair.get(0);
      assertTrue(EventColumns.epochMillis(a) <= EventColumns.epochMillis(b), a + " then " + b);
      if (Math.abs(a.getEpochSecond()) < 9_000_000_000_000L) { // |millis| < 2^53: exact
        assertEquals(a.toEpochMilli(), (long) EventColumns.epochMillis(a), a.toString());
      }
    });
  }

  @Test
  void columnsHoldWhatTheRecordsHold() {
    Gen<Integer> counts = Gen.anyOf(Gen.constant(1), Gen.ints(0, 5), Gen.constant(Integer.MAX_VALUE));
    Gen<ActivityEvent> any = r -> new ActivityEvent(Gen.oneOf("visit", "open", "demo").next(r), instants().next(r), counts.next(r));
    Gen<ActivityEvent> ones = Gen.zip(Gen.oneOf("visit", "open"), instants(), ActivityEvent::new);
    PropertyCheck.forAll(2_000, Gen.anyOf(Gen.lists(any, 0, 20), Gen.lists(ones, 0, 20)), list -> {
      EventColumns c = EventColumns.copyOf(list);
      assertEquals(list.size(), c.size());
      assertEquals(list, c);
      for (int i = 0; i < list.size(); i++) {
        assertEquals(list.get(i), c.get(i));
        assertSame(list.get(i).type(), c.type(i));
        assertEquals(list.get(i).count(), c.count(i));
        assertEquals(list.get(i).at().getEpochSecond(), c.epochSecond(i));
        assertEquals(list.get(i).at().getNano(), c.nano(i));
        assertEquals(EventColumns.epochMillis(list.get(i).at()), c.epochMillis(i));
      }
    });
  }

  @Test
  void isAnUnmodifiableListEqualToListCopyOf() {
    List<ActivityEvent> records = new ArrayList<>(Arrays.asList(
        new ActivityEvent("visit", T), new ActivityEvent("open", T.minusSeconds(60), 2), new ActivityEvent("visit", T)));
    EventColumns c = EventColumns.copyOf(records);
    List<ActivityEvent> plain = List.copyOf(records);
    assertEquals(plain, c);
    assertEquals(c, plain);
    assertEquals(plain.hashCode(), c.hashCode());
    assertEquals(plain.toString(), c.toString());
    records.clear(); // a copy, not a view
    assertEquals(3, c.size());
    assertThrows(UnsupportedOperationException.class, () -> c.add(new ActivityEvent("x", T)));
    assertThrows(UnsupportedOperationException.class, () -> c.set(0, new ActivityEvent("x", T)));
    assertThrows(UnsupportedOperationException.class, () -> c.remove(0));
    assertThrows(UnsupportedOperationException.class, () -> {
      var it = c.iterator();
      it.next();
      it.remove();
    });
    assertThrows(NullPointerException.class, () -> EventColumns.copyOf(Arrays.asList(new ActivityEvent("x", T), null)));
    assertThrows(UnsupportedOperationException.class, c::clear);
    assertEquals(false, c.contains(null));
    assertSame(c, EventColumns.copyOf(c));
  }

  @Test
  void aLeadHandsOutItsEventsInColumnForm() {
    Lead lead = Lead.builder("L1").event("visit", T).event("open", T.minusSeconds(5), 4).build();
    assertTrue(lead.events() instanceof EventColumns, lead.events().getClass().getName());
    assertEquals(4, ((EventColumns) lead.events()).count(1));
    assertEquals(new ActivityEvent("open", T.minusSeconds(5), 4), lead.events().get(1));
    assertEquals(lead, lead.toBuilder().build());
    // A derived lead shares the columns until its builder adds an event; the original never changes.
    assertSame(lead.events(), lead.toBuilder().text("x", "y").build().events());
    Lead more = lead.toBuilder().event("demo", T).build();
    assertEquals(3, more.events().size());
    assertEquals(new ActivityEvent("demo", T), more.events().get(2));
    assertEquals(2, lead.events().size());
  }
}
