package dev.leadscore.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeadTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void builderKeepsTypedAttributesAndEventsInOrder() {
    Lead lead = Lead.builder("L-1")
        .number("company_size", 250)
        .text("title", "VP, Sales")
        .bool("decision_maker", true)
        .absent("industry")
        .event("pricing_page_visit", T.minusSeconds(60))
        .event("email_open", T.minusSeconds(30), 3)
        .createdAt(T.minusSeconds(3600))
        .build();

    assertEquals("L-1", lead.id());
    assertEquals(new AttributeValue.Num(250), lead.attribute("company_size"));
    assertEquals(new AttributeValue.Text("VP, Sales"), lead.attribute("title"));
    assertEquals(new AttributeValue.Bool(true), lead.attribute("decision_maker"));
    assertSame(AttributeValue.ABSENT, lead.attribute("industry"));
    assertSame(AttributeValue.ABSENT, lead.attribute("never_set"), "an unknown attribute reads as absent");
    assertEquals(List.of(new ActivityEvent("pricing_page_visit", T.minusSeconds(60), 1),
        new ActivityEvent("email_open", T.minusSeconds(30), 3)), lead.events());
    assertEquals(T.minusSeconds(3600), lead.createdAt().orElseThrow());
  }

  @Test
  void leadIsImmutableAndIndependentOfItsBuilder() {
    Lead.Builder b = Lead.builder("L-2").number("x", 1);
    Lead first = b.build();
    b.number("x", 2).event("visit", T);
    assertEquals(new AttributeValue.Num(1), first.attribute("x"));
    assertTrue(first.events().isEmpty());
    assertThrows(UnsupportedOperationException.class, () -> first.attributes().put("y", AttributeValue.ABSENT));
    assertThrows(UnsupportedOperationException.class, () -> first.events().add(new ActivityEvent("v", T)));
  }

  @Test
  void nullOrBlankIdIsRejectedNamingTheField() {
    LeadDataException nullId = assertThrows(LeadDataException.class, () -> Lead.builder(null));
    assertEquals("id", nullId.field());
    assertNull(nullId.leadId());
    LeadDataException blank = assertThrows(LeadDataException.class, () -> Lead.builder("   "));
    assertTrue(blank.getMessage().contains("blank"), blank.getMessage());
  }

  @Test
  void nonFiniteNumbersAreRejectedNamingLeadAndField() {
    LeadDataException nan = assertThrows(LeadDataException.class, () -> Lead.builder("L-3").number("revenue", Double.NaN));
    assertEquals("L-3", nan.leadId());
    assertEquals("revenue", nan.field());
    assertTrue(nan.getMessage().startsWith("lead 'L-3', field 'revenue': NaN"), nan.getMessage());
    assertThrows(LeadDataException.class, () -> Lead.builder("L-3").number("revenue", Double.POSITIVE_INFINITY));
    assertThrows(LeadDataException.class, () -> Lead.builder("L-3").attribute("revenue", new AttributeValue.Text("x")).number("r", Double.NEGATIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> new AttributeValue.Num(Double.NaN));
  }

  @Test
  void negativeCountsAndBlankEventTypesAreRejected() {
    LeadDataException neg = assertThrows(LeadDataException.class, () -> Lead.builder("L-4").event("email_open", T, -1));
    assertEquals("event 'email_open'", neg.field());
    assertTrue(neg.getMessage().contains("-1"), neg.getMessage());
    assertThrows(LeadDataException.class, () -> Lead.builder("L-4").event(" ", T));
    assertThrows(LeadDataException.class, () -> Lead.builder("L-4").event("visit", null));
    assertThrows(IllegalArgumentException.class, () -> new ActivityEvent("visit", T, -2));
  }

  @Test
  void toBuilderCopiesEverythingAndEqualityIsByValue() {
    Lead a = Lead.builder("L-5").text("t", "x").event("v", T).createdAt(T).build();
    Lead b = a.toBuilder().build();
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, a.toBuilder().text("t", "y").build());
  }

  @Test
  void numDisplaysIntegersWithoutFraction() {
    assertEquals("250", new AttributeValue.Num(250).display());
    assertEquals("2.5", new AttributeValue.Num(2.5).display());
  }
}
