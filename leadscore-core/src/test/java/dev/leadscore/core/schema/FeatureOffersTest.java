package dev.leadscore.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What each feature kind offers rules and explanations (what the rule compiler once tested classes for). */
class FeatureOffersTest {
  private static FeatureInfo info(String name) {
    return FeatureInfo.of(name, FeatureInfo.FIRMOGRAPHIC);
  }

  @Test
  void theEveryKindSchemaOfTheJsonTestsCoversEveryPermittedKind() {
    // so a new kind is round-tripped through JSON (its row in the kind table) by SchemaJsonTest
    Set<Class<?>> permitted = Set.of(FeatureSpec.class.getPermittedSubclasses());
    Set<Class<?>> covered = SchemaJsonTest.everyKind().features().stream().map(Object::getClass).collect(Collectors.toSet());
    assertEquals(permitted, covered);
    for (FeatureSpec f : SchemaJsonTest.everyKind().features()) {
      assertEquals(f.kind(), FeatureSchema.fromJson(FeatureSchema.of("one", 1, f.kind().equals("interaction")
          ? SchemaJsonTest.everyKind().features() : List.of(f)).toJson()).feature(f.name()).kind());
    }
  }

  @Test
  void numericOffersBandsInTransformedUnitsAndANumberLever() {
    NumericFeature f = new NumericFeature(info("size"), "size", true, 0, 1000, Imputation.mean(), true, List.of());
    FeatureOffers o = f.offers();
    assertTrue(o.bands());
    assertFalse(o.alwaysHasValue());
    assertFalse(o.levels());
    assertFalse(o.yesNo());
    assertFalse(o.splitBetweenParents());
    assertEquals(FeatureOffers.Lever.NUMBER, o.lever());
    assertEquals(Math.log1p(3), o.bandEdge(3));
    assertEquals(-Math.log1p(3), o.bandEdge(-3));
    assertEquals(Double.POSITIVE_INFINITY, o.bandEdge(Double.POSITIVE_INFINITY));
    assertNull(o.whyBandNeverMatches(10, 20));
    assertEquals("feature 'size' clips its values to [0.0, 1000.0]", o.whyBandNeverMatches(-5, 0));
    assertEquals("feature 'size' clips its values to [0.0, 1000.0]", o.whyBandNeverMatches(1000.5, 2000));
  }

  @Test
  void aNumericWithABasisOffersBandsButNoLeverAndPlainEdgesWithoutLog() {
    NumericFeature f = NumericFeature.of(info("size"), "size").withBasis(Basis.hinge(3));
    assertEquals(FeatureOffers.Lever.NONE, f.offers().lever());
    assertTrue(f.offers().bands());
    assertEquals(3.0, f.offers().bandEdge(3.0));
  }

  @Test
  void booleanOffersYesNoOnly() {
    FeatureOffers o = BooleanFeature.of(info("dm"), "dm").offers();
    assertTrue(o.yesNo());
    assertFalse(o.bands());
    assertFalse(o.levels());
    assertEquals(FeatureOffers.Lever.YES_NO, o.lever());
    assertNull(o.whyBandNeverMatches(0, 1));
  }

  @Test
  void ordinalBandsMustContainADeclaredValue() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("low", 1.0);
    m.put("high", 3.0);
    FeatureOffers o = new OrdinalFeature(info("q"), "q", m, Imputation.median(), false, List.of()).offers();
    assertTrue(o.bands());
    assertFalse(o.alwaysHasValue());
    assertEquals(FeatureOffers.Lever.NONE, o.lever());
    assertNull(o.whyBandNeverMatches(3, 4));
    assertEquals("ordinal feature 'q' only takes the values {low=1.0, high=3.0}", o.whyBandNeverMatches(1.5, 3));
  }

  @Test
  void categoricalLevelsMeanMissingByTheReservedLevel() {
    FeatureOffers learned = new CategoricalFeature(info("ind"), "ind", List.of(), 2, false, List.of()).offers();
    assertTrue(learned.levels());
    assertEquals(CategoricalFeature.MISSING, learned.missingLevel());
    assertTrue(learned.levelsLearned());
    assertTrue(learned.otherHoldsMissing());
    FeatureOffers declared = new CategoricalFeature(info("ind"), "ind", List.of("a", "b"), 1, true, List.of()).offers();
    assertFalse(declared.levelsLearned());
    assertFalse(declared.otherHoldsMissing());
    assertFalse(declared.bands());
  }

  @Test
  void titleAndEmailLevelsMeanMissingByUnknown() {
    for (FeatureSpec f : List.<FeatureSpec>of(new TitleSeniorityFeature(info("t"), "title", List.of()),
        new EmailDomainFeature(info("e"), "email", List.of(), List.of()))) {
      FeatureOffers o = f.offers();
      assertTrue(o.levels(), f.kind());
      assertEquals("unknown", o.missingLevel(), f.kind());
      assertFalse(o.levelsLearned(), f.kind());
      assertFalse(o.otherHoldsMissing(), f.kind());
      assertEquals(FeatureOffers.Lever.NONE, o.lever(), f.kind());
    }
  }

  @Test
  void eventFeaturesAlwaysHaveAValueAndMoveByEvents() {
    FeatureOffers count = new EventCountFeature(info("v"), List.of("visit"), 30, Decay.none(), 10, true).offers();
    assertTrue(count.bands());
    assertTrue(count.alwaysHasValue());
    assertEquals(FeatureOffers.Lever.EVENTS, count.lever());
    assertEquals(Math.log1p(2), count.bandEdge(2));
    assertEquals("eventCount feature 'v' takes values in [0, 10.0]", count.whyBandNeverMatches(11, 12));
    assertNull(count.whyBandNeverMatches(0, 1));
    FeatureOffers recency = new RecencyFeature(info("r"), List.of("visit"), 90, true).offers();
    assertTrue(recency.alwaysHasValue());
    assertEquals(FeatureOffers.Lever.EVENTS, recency.lever());
    assertEquals(2.0, recency.bandEdge(2));
    assertEquals("recency feature 'r' takes values in [0, 90.0] days", recency.whyBandNeverMatches(-3, 0));
  }

  @Test
  void anInteractionIsCreditedToItsParents() {
    FeatureOffers o = new InteractionFeature(info("x"), "a", "b").offers();
    assertTrue(o.splitBetweenParents());
    assertFalse(o.bands());
    assertFalse(o.levels());
    assertFalse(o.yesNo());
    assertEquals(FeatureOffers.Lever.NONE, o.lever());
  }
}
