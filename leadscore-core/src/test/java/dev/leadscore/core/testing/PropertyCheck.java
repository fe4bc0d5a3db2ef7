package dev.leadscore.core.testing;

import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Property-based checks without a property-testing engine: a property is run on {@code tries}
 * inputs from a {@link Gen}, all derived from one seed, and the first failure is rethrown with
 * the try number, the seed and the input that broke it. Runs are deterministic: the seed is
 * {@value #DEFAULT_SEED} unless the system property {@code leadscore.seed} names another, so CI
 * is reproducible and a new seed explores new inputs
 * ({@code mvn verify -Dleadscore.seed=12345}). There is no shrinking: generators should favour
 * small and edge-case inputs so that failures are readable as they are.
 *
 * <p>Stateless; each call owns its random source, so calls are thread-safe.
 */
public final class PropertyCheck {
  /** The seed used when {@code leadscore.seed} is not set. */
  public static final long DEFAULT_SEED = 20261121L;
  /** Tries per property unless a caller asks for another number. */
  public static final int DEFAULT_TRIES = 1000;

  private PropertyCheck() {}

  /** The seed for this run. */
  public static long seed() {
    String s = System.getProperty("leadscore.seed");
    return s == null || s.isBlank() ? DEFAULT_SEED : Long.parseLong(s.strip());
  }

  /** Checks {@code property} on {@value #DEFAULT_TRIES} inputs. */
  public static <T> void forAll(Gen<T> gen, Consumer<? super T> property) {
    forAll(DEFAULT_TRIES, gen, property);
  }

  /** Checks {@code property} on pairs of inputs. */
  public static <A, B> void forAll(Gen<A> a, Gen<B> b, BiConsumer<? super A, ? super B> property) {
    forAll(DEFAULT_TRIES, Gen.zip(a, b, Pair::new), p -> property.accept(p.a(), p.b()));
  }

  /**
   * Checks {@code property} on {@code tries} inputs.
   *
   * @throws AssertionError naming the try, the seed and the failing input
   */
  public static <T> void forAll(int tries, Gen<T> gen, Consumer<? super T> property) {
    long seed = seed();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < tries; i++) {
      T input = gen.next(random);
      try {
        property.accept(input);
      } catch (AssertionError | RuntimeException e) {
        AssertionError failure = new AssertionError("property failed on try " + (i + 1) + " of " + tries
            + " (seed " + seed + "; rerun with -Dleadscore.seed=" + seed + ")\n  input: " + describe(input)
            + "\n  failure: " + e, e);
        throw failure;
      }
    }
  }

  private static String describe(Object input) {
    String s = String.valueOf(input);
    return s.length() > 2000 ? s.substring(0, 2000) + "... (" + s.length() + " chars)" : s;
  }

  /** Two inputs. */
  public record Pair<A, B>(A a, B b) {}
}
