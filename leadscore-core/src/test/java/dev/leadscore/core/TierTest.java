package dev.leadscore.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TierTest {

  @Test
  void tiersAreDeclaredFromMostToLeastUrgent() {
    // Callers sort and compare tiers by ordinal, so the declaration order is part of the API.
    assertEquals(List.of(Tier.HOT, Tier.WARM, Tier.NURTURE, Tier.SUPPRESS), List.of(Tier.values()));
    assertTrue(Tier.HOT.compareTo(Tier.SUPPRESS) < 0);
  }

  @Test
  void labels() {
    assertEquals("Hot", Tier.HOT.label());
    assertEquals("Warm", Tier.WARM.label());
    assertEquals("Nurture", Tier.NURTURE.label());
    assertEquals("Suppress", Tier.SUPPRESS.label());
  }

  @Test
  void actionsMatchTheDesign() {
    assertEquals("Call within 2 hours", Tier.HOT.action());
    assertEquals("Follow up within 24 hours", Tier.WARM.action());
    assertEquals("Weekly nurture touch", Tier.NURTURE.action());
    assertEquals("Remove from the active pipeline", Tier.SUPPRESS.action());
  }

  @Test
  void responseTimes() {
    assertEquals(Optional.of(Duration.ofHours(2)), Tier.HOT.responseTime());
    assertEquals(Optional.of(Duration.ofHours(24)), Tier.WARM.responseTime());
    assertEquals(Optional.of(Duration.ofDays(7)), Tier.NURTURE.responseTime());
    assertEquals(Optional.empty(), Tier.SUPPRESS.responseTime());
  }

  @Test
  void moreUrgentTiersHaveShorterResponseTimes() {
    Tier[] active = {Tier.HOT, Tier.WARM, Tier.NURTURE};
    for (int i = 1; i < active.length; i++) {
      Duration faster = active[i - 1].responseTime().orElseThrow();
      Duration slower = active[i].responseTime().orElseThrow();
      assertTrue(faster.compareTo(slower) < 0, active[i - 1] + " vs " + active[i]);
    }
  }
}
