package dev.leadscore.core.testing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of random test inputs for {@link PropertyCheck}: a function of a seeded
 * {@link SplittableRandom}, so every input is reproducible from the seed. Number generators mix
 * in their edge cases (bounds, zero, tiny and huge magnitudes) about one draw in eight, because
 * that is where numeric code breaks.
 *
 * <p>Generators are stateless and thread-safe; the random source is not, and belongs to one run.
 */
@FunctionalInterface
public interface Gen<T> {

  /** One value. */
  T next(SplittableRandom random);

  /** This generator's values transformed. */
  default <R> Gen<R> map(Function<? super T, ? extends R> f) {
    return r -> f.apply(next(r));
  }

  /** A generator chosen by this generator's value. */
  default <R> Gen<R> flatMap(Function<? super T, Gen<R>> f) {
    return r -> f.apply(next(r)).next(r);
  }

  /** Only values passing {@code keep}; gives up after 10,000 misses so a bad filter fails loudly. */
  default Gen<T> filter(Predicate<? super T> keep) {
    return r -> {
      for (int i = 0; i < 10_000; i++) {
        T v = next(r);
        if (keep.test(v)) {
          return v;
        }
      }
      throw new IllegalStateException("filter rejected 10,000 values in a row");
    };
  }

  /** Always {@code value}. */
  static <T> Gen<T> constant(T value) {
    return r -> value;
  }

  /** One of the given values, uniformly. */
  @SafeVarargs
  static <T> Gen<T> oneOf(T... values) {
    // Copied element by element: handing the generic array on (Arrays.asList) trips -Xlint:varargs.
    List<T> list = new ArrayList<>(values.length);
    for (T v : values) {
      list.add(v);
    }
    List<T> copy = List.copyOf(list);
    return r -> copy.get(r.nextInt(copy.size()));
  }

  /** A value from one of the given generators, chosen uniformly. */
  @SafeVarargs
  static <T> Gen<T> anyOf(Gen<? extends T>... gens) {
    List<Gen<? extends T>> list = new ArrayList<>(gens.length);
    for (Gen<? extends T> g : gens) {
      list.add(g);
    }
    List<Gen<? extends T>> copy = List.copyOf(list);
    return r -> copy.get(r.nextInt(copy.size())).next(r);
  }

  /** Integers in {@code [lo, hi]}, with the bounds and 0 (when inside) as edge cases. */
  static Gen<Integer> ints(int lo, int hi) {
    if (lo > hi) {
      throw new IllegalArgumentException("lo > hi: " + lo + " > " + hi);
    }
    return r -> {
      if (r.nextInt(8) == 0) {
        int pick = r.nextInt(3);
        return pick == 0 ? lo : pick == 1 ? hi : (lo <= 0 && 0 <= hi ? 0 : lo);
      }
      return (int) (lo + (long) (r.nextDouble() * ((long) hi - lo + 1)));
    };
  }

  /** Longs in {@code [lo, hi)}. */
  static Gen<Long> longs(long lo, long hi) {
    return r -> r.nextLong(lo, hi);
  }

  /**
   * Any long, uniform over the whole range ({@code Long.MAX_VALUE} included, which {@link #longs}
   * with its exclusive upper bound cannot give), with 0, ±1, {@code Long.MIN_VALUE} and {@code
   * Long.MAX_VALUE} as edge cases about one draw in eight.
   */
  static Gen<Long> anyLongs() {
    long[] edges = {0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE};
    return r -> r.nextInt(8) == 0 ? edges[r.nextInt(edges.length)] : r.nextLong();
  }

  /** Doubles in {@code [lo, hi]}, with the bounds and 0 (when inside) as edge cases. */
  static Gen<Double> doubles(double lo, double hi) {
    return r -> {
      if (r.nextInt(8) == 0) {
        int pick = r.nextInt(3);
        return pick == 0 ? lo : pick == 1 ? hi : (lo <= 0 && 0 <= hi ? 0.0 : lo);
      }
      return Math.min(hi, lo + r.nextDouble() * (hi - lo));
    };
  }

  /**
   * Any finite double: uniform sign, exponent spread from 1e-300 to 1e300, with 0, ±1, ±MAX_VALUE
   * and ±MIN_VALUE as edge cases.
   */
  static Gen<Double> finiteDoubles() {
    double[] edges = {0.0, -0.0, 1.0, -1.0, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_VALUE, 1e300, -1e300};
    return r -> {
      if (r.nextInt(8) == 0) {
        return edges[r.nextInt(edges.length)];
      }
      double mag = Math.pow(10, r.nextDouble() * 600 - 300);
      return r.nextBoolean() ? mag : -mag;
    };
  }

  /** {@code true} or {@code false}. */
  static Gen<Boolean> booleans() {
    return SplittableRandom::nextBoolean;
  }

  /** Strings of length {@code [minLen, maxLen]} over the characters of {@code alphabet}. */
  static Gen<String> strings(String alphabet, int minLen, int maxLen) {
    return r -> {
      int n = minLen + r.nextInt(maxLen - minLen + 1);
      StringBuilder sb = new StringBuilder(n);
      for (int i = 0; i < n; i++) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      return sb.toString();
    };
  }

  /** Printable ASCII strings up to {@code maxLen}, blank and empty strings included. */
  static Gen<String> asciiStrings(int maxLen) {
    StringBuilder ascii = new StringBuilder();
    for (char c = 32; c < 127; c++) {
      ascii.append(c);
    }
    return strings(ascii.toString(), 0, maxLen);
  }

  /**
   * Arbitrary strings up to {@code maxLen} code points: ASCII, Latin-1, CJK, emoji (surrogate
   * pairs), control characters and lone whitespace kinds.
   */
  static Gen<String> unicodeStrings(int maxLen) {
    int[][] ranges = {{0x20, 0x7E}, {0x00, 0x1F}, {0xA0, 0xFF}, {0x4E00, 0x4FFF}, {0x1F600, 0x1F64F}, {0x2000, 0x200B}};
    return r -> {
      int n = r.nextInt(maxLen + 1);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < n; i++) {
        int[] range = ranges[r.nextInt(ranges.length)];
        sb.appendCodePoint(range[0] + r.nextInt(range[1] - range[0] + 1));
      }
      return sb.toString();
    };
  }

  /** Lists of {@code [min, max]} elements. */
  static <T> Gen<List<T>> lists(Gen<T> element, int min, int max) {
    return r -> {
      int n = min + r.nextInt(max - min + 1);
      List<T> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(element.next(r));
      }
      return out;
    };
  }

  /** Two generators' values combined. */
  static <A, B, R> Gen<R> zip(Gen<A> a, Gen<B> b, BiFunction<? super A, ? super B, ? extends R> f) {
    return r -> f.apply(a.next(r), b.next(r));
  }

  /**
   * Decimal numbers in {@code [lo, hi]} with at most {@code scale} digits after the point (for
   * scale 2: 0.0, 0.01, ..., 12.34), each the double nearest that decimal, as a literal would be.
   * The bounds (rounded inwards to the scale) and 0 (when inside) are edge cases. Few distinct
   * values means repeats and exact ties are common, which {@link #doubles} almost never gives;
   * combine the two with {@link #anyOf} to get both.
   *
   * @throws IllegalArgumentException if a bound is not finite, {@code lo > hi}, {@code scale} is
   *     not in {@code [0, 15]}, or no decimal of that scale lies in the range
   */
  static Gen<Double> decimals(double lo, double hi, int scale) {
    if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
      throw new IllegalArgumentException("need finite lo <= hi, got " + lo + ", " + hi);
    }
    if (scale < 0 || scale > 15) {
      throw new IllegalArgumentException("scale must be in [0, 15], got " + scale);
    }
    long loUnits = BigDecimal.valueOf(lo).setScale(scale, RoundingMode.CEILING).unscaledValue().longValueExact();
    long hiUnits = BigDecimal.valueOf(hi).setScale(scale, RoundingMode.FLOOR).unscaledValue().longValueExact();
    if (loUnits > hiUnits || hiUnits == Long.MAX_VALUE) {
      throw new IllegalArgumentException("no decimal of scale " + scale + " in [" + lo + ", " + hi + "]");
    }
    return r -> {
      long units;
      if (r.nextInt(8) == 0) {
        int pick = r.nextInt(3);
        units = pick == 0 ? loUnits : pick == 1 ? hiUnits : (loUnits <= 0 && 0 <= hiUnits ? 0 : loUnits);
      } else {
        units = r.nextLong(loUnits, hiUnits + 1);
      }
      return BigDecimal.valueOf(units, scale).doubleValue();
    };
  }

  /**
   * Strings of up to {@code maxLen} UTF-16 chars drawn uniformly from the whole range U+0000 to
   * U+FFFF: lone and mismatched surrogates, noncharacters, private-use and control characters
   * included, as a text field filled with arbitrary data might hold.
   */
  static Gen<String> charStrings(int maxLen) {
    return r -> {
      int n = r.nextInt(maxLen + 1);
      char[] chars = new char[n];
      for (int i = 0; i < n; i++) {
        chars[i] = (char) r.nextInt(Character.MAX_VALUE + 1);
      }
      return new String(chars);
    };
  }

  /**
   * Any string of up to {@code maxLen} chars, for properties that must hold for every string
   * (totality): each value comes, with equal chance, from {@link #asciiStrings}, {@link
   * #unicodeStrings} (whose code points may take two chars, so those strings may be up to twice
   * as long) or {@link #charStrings}.
   */
  static Gen<String> anyStrings(int maxLen) {
    return anyOf(asciiStrings(maxLen), unicodeStrings(maxLen), charStrings(maxLen));
  }

  /**
   * Lists of {@code [min, max]} pairwise distinct elements (by {@code equals}), in the order drawn.
   * The size is drawn as by {@link #ints}, so the bounds come up often. Gives up after 10,000
   * repeated elements in one list, so an element generator with too few values fails loudly.
   */
  static <T> Gen<List<T>> distinctLists(Gen<T> element, int min, int max) {
    Gen<Integer> size = ints(min, max);
    return r -> {
      int n = size.next(r);
      Set<T> out = new LinkedHashSet<>();
      int repeats = 0;
      while (out.size() < n) {
        if (!out.add(element.next(r)) && ++repeats > 10_000) {
          throw new IllegalStateException("distinctLists drew 10,000 repeated elements; got only " + out.size() + " of " + n);
        }
      }
      return new ArrayList<>(out);
    };
  }

  /**
   * A value from {@code a} or {@code b}, chosen with odds {@code weightA : weightB} (for 9 and 1:
   * nine draws in ten from {@code a}). Use it to mix a few special values into ordinary ones
   * without letting them take half the draws, as {@link #anyOf} would.
   *
   * @throws IllegalArgumentException if a weight is negative, or their sum is 0 or above {@code
   *     Integer.MAX_VALUE}
   */
  static <T> Gen<T> weighted(int weightA, Gen<? extends T> a, int weightB, Gen<? extends T> b) {
    long sum = (long) weightA + weightB;
    if (weightA < 0 || weightB < 0 || sum == 0 || sum > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("need weights >= 0 with a positive int sum, got " + weightA + ", " + weightB);
    }
    int total = (int) sum;
    return r -> r.nextInt(total) < weightA ? a.next(r) : b.next(r);
  }

  /**
   * Any finite double, drawn uniformly over bit patterns: every finite double can come up,
   * subnormals and magnitudes above 1e300 included, both signs about equally often, and the
   * exponent spread evenly over the whole range. Complements {@link #finiteDoubles}, whose
   * magnitudes lie in [1e-300, 1e300] apart from its edge cases.
   */
  static Gen<Double> doubleBits() {
    return r -> {
      while (true) {
        double d = Double.longBitsToDouble(r.nextLong());
        if (Double.isFinite(d)) { // one pattern in 2048 is NaN or infinite
          return d;
        }
      }
    };
  }

  /**
   * Lists of {@code [min, max]} elements whose {@code key}s are pairwise distinct (by {@code
   * equals}), in the order drawn; {@link #distinctLists} for a key other than the element itself,
   * such as an id. The size is drawn as by {@link #ints}. Gives up after 10,000 elements with a
   * repeated key in one list, so a generator with too few keys fails loudly.
   */
  static <T> Gen<List<T>> distinctListsBy(Gen<T> element, Function<? super T, ?> key, int min, int max) {
    Gen<Integer> size = ints(min, max);
    return r -> {
      int n = size.next(r);
      Set<Object> keys = new HashSet<>();
      List<T> out = new ArrayList<>(n);
      int repeats = 0;
      while (out.size() < n) {
        T v = element.next(r);
        if (keys.add(key.apply(v))) {
          out.add(v);
        } else if (++repeats > 10_000) {
          throw new IllegalStateException("distinctListsBy drew 10,000 repeated keys; got only " + out.size() + " of " + n);
        }
      }
      return out;
    };
  }

  /**
   * Maps of {@code [min, max]} entries: distinct keys drawn as by {@link #distinctLists}, each with
   * a value from {@code value}. The map keeps the keys in the order drawn.
   */
  static <K, V> Gen<Map<K, V>> maps(Gen<K> key, Gen<V> value, int min, int max) {
    Gen<List<K>> keys = distinctLists(key, min, max);
    return r -> {
      Map<K, V> out = new LinkedHashMap<>();
      for (K k : keys.next(r)) {
        out.put(k, value.next(r));
      }
      return out;
    };
  }
}
