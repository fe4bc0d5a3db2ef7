package dev.leadscore.core.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.Lead;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BasisTest {
  private static final Instant AS_OF = Instant.parse("2026-01-01T00:00:00Z");

  private static NumericFeature size(Basis basis) {
    return new NumericFeature(FeatureInfo.of("size", FeatureInfo.FIRMOGRAPHIC), "size", false,
        Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Imputation.mean(), true, List.of(), basis);
  }

  /** Leads with size 1..9: knots at the 25/50/75 % quantiles are 3, 5, 7 (positions 2, 4, 6 of 0..8). */
  private static List<Lead> oneToNine() {
    List<Lead> leads = new ArrayList<>();
    for (int i = 1; i <= 9; i++) {
      leads.add(Lead.builder("t" + i).number("size", i).build());
    }
    return leads;
  }

  private static double[] x(FittedSchema s, Double size) {
    Lead.Builder b = Lead.builder("q");
    if (size != null) {
      b.number("size", size);
    }
    return s.extract(b.build(), AS_OF);
  }

  @Test
  void hingeKnotsAreTrainingQuantilesAndColumnsAreHinges() {
    FittedSchema s = FeatureSchema.of("s", 1, size(Basis.hinge(3))).fit(oneToNine());
    assertEquals(List.of("size", "size_h1", "size_h2", "size_h3", "size_missing"),
        s.columns().stream().map(Column::name).toList());
    assertEquals(Column.Role.BASIS, s.columns().get(1).role());
    // v = 6: value 6, max(0, 6-3) = 3, max(0, 6-5) = 1, max(0, 6-7) = 0, not missing
    assertArrayEquals(new double[] {6, 3, 1, 0, 0}, x(s, 6.0));
    // missing: the training mean 5 goes through the basis, flagged
    assertArrayEquals(new double[] {5, 2, 0, 0, 1}, x(s, null));
  }

  @Test
  void quantileBinsAreOneHotWithLowerBoundInclusive() {
    FittedSchema s = FeatureSchema.of("s", 1, size(Basis.quantileBins(3))).fit(oneToNine());
    assertEquals(List.of("size=bin1", "size=bin2", "size=bin3", "size=bin4", "size_missing"),
        s.columns().stream().map(Column::name).toList());
    assertArrayEquals(new double[] {1, 0, 0, 0, 0}, x(s, 2.99));
    assertArrayEquals(new double[] {0, 1, 0, 0, 0}, x(s, 3.0));
    assertArrayEquals(new double[] {0, 0, 1, 0, 0}, x(s, 6.0));
    assertArrayEquals(new double[] {0, 0, 0, 1, 0}, x(s, 700.0));
    assertArrayEquals(new double[] {0, 0, 1, 0, 1}, x(s, null)); // mean 5 -> bin3
  }

  @Test
  void tiedValuesGiveFewerKnots() {
    List<Lead> leads = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      leads.add(Lead.builder("t" + i).number("size", i < 8 ? 1 : 2).build());
    }
    // quantiles at 1/6 .. 5/6 of [1 x8, 2 x2]: positions 1.5, 3, 4.5, 6, 7.5 -> 1, 1, 1, 1, 1.5
    FittedSchema s = FeatureSchema.of("s", 1, size(Basis.hinge(5))).fit(leads);
    assertEquals(List.of("size", "size_h1", "size_h2", "size_missing"), s.columns().stream().map(Column::name).toList());
    assertArrayEquals(new double[] {2, 1, 0.5, 0}, x(s, 2.0));
  }

  @Test
  void knotsComeFromTrainingRowsOnly() {
    List<Lead> other = new ArrayList<>();
    for (int i = 1; i <= 9; i++) {
      other.add(Lead.builder("o" + i).number("size", 100 * i).build());
    }
    FeatureSchema schema = FeatureSchema.of("s", 1, size(Basis.hinge(1)));
    assertEquals(5.0, 6 - x(schema.fit(oneToNine()), 6.0)[1]); // knot = median 5
    assertEquals(0.0, x(schema.fit(other), 6.0)[1]); // knot = median 500
  }

  @Test
  void basisRoundTripsThroughJsonAndKeepsOtherFingerprints() {
    FeatureSchema withBasis = FeatureSchema.of("s", 1, size(Basis.quantileBins(4)));
    FeatureSchema back = FeatureSchema.fromJson(withBasis.toJson());
    assertEquals(withBasis.fingerprint(), back.fingerprint());
    assertEquals(Basis.quantileBins(4), ((NumericFeature) back.features().get(0)).basis());
    assertFalse(FeatureSchema.of("s", 1, size(Basis.none())).toJson().contains("basis"),
        "a schema without a basis is written as before, so its fingerprint does not change");

    FittedSchema fitted = withBasis.fit(oneToNine());
    FittedSchema fittedBack = FittedSchema.fromJson(fitted.toJson());
    assertEquals(fitted.fingerprint(), fittedBack.fingerprint());
    assertArrayEquals(x(fitted, 4.2), x(fittedBack, 4.2));
  }

  @Test
  void editedKnotsAreRejected() {
    String json = FeatureSchema.of("s", 1, size(Basis.hinge(3))).fit(oneToNine()).toJson();
    String unordered = json.replaceFirst("\"knots\" : \\[ 3\\.0, 5\\.0", "\"knots\" : [ 5.0, 3.0");
    assertTrue(!unordered.equals(json), "the edit must hit the knots array: " + json);
    SchemaException e = assertThrows(SchemaException.class, () -> FittedSchema.fromJson(unordered));
    assertTrue(e.getMessage().contains("strictly increasing"), e.getMessage());
  }

  @Test
  void invalidBasesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Basis.hinge(0));
    assertThrows(IllegalArgumentException.class, () -> Basis.quantileBins(Basis.MAX_KNOTS + 1));
    String bad = FeatureSchema.of("s", 1, size(Basis.hinge(2))).toJson().replace("\"hinge\"", "\"spline\"");
    SchemaException e = assertThrows(SchemaException.class, () -> FeatureSchema.fromJson(bad));
    assertTrue(e.getMessage().contains("spline") && e.getMessage().contains("size"), e.getMessage());
  }

  @Test
  void hingeColumnsAreContinuousAndBinsExactlyOneHot() {
    FittedSchema hinge = FeatureSchema.of("s", 1, size(Basis.hinge(3))).fit(oneToNine());
    FittedSchema bins = FeatureSchema.of("s", 1, size(Basis.quantileBins(3))).fit(oneToNine());
    PropertyCheck.forAll(Gen.doubles(-50, 50), v -> {
      double[] a = x(hinge, v);
      double[] b = x(hinge, v + 1e-9);
      for (int j = 0; j < 4; j++) {
        assertEquals(a[j], b[j], 1e-8, "hinge columns move continuously at " + v);
      }
      double[] one = x(bins, v);
      assertEquals(1.0, one[0] + one[1] + one[2] + one[3]);
    });
  }
}
