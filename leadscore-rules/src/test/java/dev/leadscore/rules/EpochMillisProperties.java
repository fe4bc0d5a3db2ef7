package dev.leadscore.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The rule scorer's event ages read epoch seconds and nanoseconds from the lead's event columns,
 * not instants: the milliseconds must be {@link Instant#toEpochMilli()}'s wherever it has an
 * answer, and saturate exactly where it overflows.
 */
class EpochMillisProperties {

  /** What the rules did before they read columns: the instant's own milliseconds, saturated. */
  static long reference(Instant t) {
    try {
      return t.toEpochMilli();
    } catch (ArithmeticException e) {
      return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  static Gen<Instant> instants() {
    long limit = Instant.MAX.getEpochSecond();
    long edge = Long.MAX_VALUE / 1000; // where toEpochMilli starts to overflow
    Gen<Long> nanos = Gen.anyOf(Gen.longs(0, 999_999_999L), Gen.oneOf(0L, 1L, 999_999L, 1_000_000L, 999_999_999L));
    return Gen.anyOf(
        Gen.zip(Gen.longs(-limit, limit), nanos, Instant::ofEpochSecond),
        Gen.zip(Gen.longs(-4_000_000_000L, 4_000_000_000L), nanos, Instant::ofEpochSecond),
        Gen.zip(Gen.longs(edge - 3, edge + 3), nanos, Instant::ofEpochSecond),
        Gen.zip(Gen.longs(-edge - 3, -edge + 3), nanos, Instant::ofEpochSecond),
        Gen.oneOf(Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.EPOCH.minusNanos(1), Instant.EPOCH.plusNanos(1),
            Instant.ofEpochMilli(Long.MIN_VALUE), Instant.ofEpochMilli(Long.MAX_VALUE),
            Instant.ofEpochMilli(Long.MIN_VALUE).minusNanos(1), Instant.ofEpochMilli(Long.MAX_VALUE).plusNanos(999_999)));
  }

  @Test
  void columnMillisAreTheInstantsOwnSaturated() {
    PropertyCheck.forAll(50_000, instants(), t -> {
      assertEquals(reference(t), CompiledRule.epochMillis(t.getEpochSecond(), t.getNano()), t.toString());
      assertEquals(reference(t), CompiledRule.epochMillis(t), t.toString());
    });
  }
}
