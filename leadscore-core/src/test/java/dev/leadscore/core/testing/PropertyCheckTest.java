package dev.leadscore.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The harness itself must find failures, report them reproducibly, and cover its edge cases. */
class PropertyCheckTest {

  @Test
  void aFalsePropertyIsReportedWithSeedAndInput() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> PropertyCheck.forAll(Gen.ints(0, 1000), x -> assertTrue(x < 900, "too big")));
    assertTrue(e.getMessage().contains("seed " + PropertyCheck.seed()), e.getMessage());
    assertTrue(e.getMessage().contains("input: "), e.getMessage());
  }

  @Test
  void aTruePropertyRunsEveryTry() {
    List<Integer> seen = new ArrayList<>();
    PropertyCheck.forAll(250, Gen.ints(-5, 5), seen::add);
    assertEquals(250, seen.size());
    assertTrue(seen.contains(-5) && seen.contains(5) && seen.contains(0), "edge cases are mixed in: " + seen);
  }

  @Test
  void generationIsReproducibleFromTheSeed() {
    Gen<List<Double>> gen = Gen.lists(Gen.finiteDoubles(), 0, 10);
    assertEquals(gen.next(new SplittableRandom(7)), gen.next(new SplittableRandom(7)));
  }

  @Test
  void finiteDoublesAreFiniteAndSpanMagnitudes() {
    SplittableRandom r = new SplittableRandom(1);
    boolean huge = false;
    boolean tiny = false;
    for (int i = 0; i < 5000; i++) {
      double d = Gen.finiteDoubles().next(r);
      assertTrue(Double.isFinite(d));
      huge |= Math.abs(d) > 1e200;
      tiny |= d != 0 && Math.abs(d) < 1e-200;
    }
    assertTrue(huge && tiny);
  }
}
