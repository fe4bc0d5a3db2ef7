package dev.leadscore.core.hardening;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The hardening suite's fuzzing kit, shared by the core, rules and explain hardening tests (they
 * get it through the core test-jar): text mutations of valid documents, JSON-tree mutations (type
 * swaps, removed and renamed fields, unknown fields), and a {@link Tally} that counts every case
 * by outcome, collects the cases that broke a contract instead of stopping at the first one, and
 * prints a one-line summary so the counts can be quoted.
 *
 * <p>All randomness comes from the {@link SplittableRandom} a caller passes, seeded from {@link
 * dev.leadscore.core.testing.PropertyCheck#seed()}, so every run is reproducible.
 */
public final class Fuzz {
  private Fuzz() {}

  /** Characters that break JSON and CSV in interesting ways, mixed with ordinary ones. */
  public static final String NASTY = "{}[]\",:;'0123456789-+.eE \t\r\n\\/tfnulNaIyx\u0000\u001f\uFEFF\uD800\u00e9\u20ac";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  // ------------------------------------------------------------------ tally

  /**
   * Outcome counts of one fuzzed entry point. Not thread-safe. A case whose outcome breaks a
   * contract is recorded with {@link #fail}; {@link #assertClean()} fails the test listing the
   * first few of them and how many there were.
   */
  public static final class Tally {
    private final String name;
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private int failureCount;
    private int cases;
    private final long started = System.nanoTime();
    private final long startedCpu = cpu();

    /**
     * This thread's CPU time in nanoseconds, or 0 when unavailable. Reached by reflection so that
     * the test classes need no {@code requires java.management} when patched into a module.
     */
    private static long cpu() {
      try {
        Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
        Class<?> type = Class.forName("java.lang.management.ThreadMXBean");
        return (Long) type.getMethod("getCurrentThreadCpuTime").invoke(bean);
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        return 0;
      }
    }

    public Tally(String name) {
      this.name = name;
    }

    /** Counts one case with the given outcome. */
    public void count(String outcome) {
      cases++;
      outcomes.merge(outcome, 1, Integer::sum);
    }

    /** Records a broken contract for the current case (the case itself is counted by {@link #count}). */
    public void fail(String what) {
      failureCount++;
      if (failures.size() < 8) {
        failures.add(what);
      }
    }

    public int cases() {
      return cases;
    }

    public int countOf(String outcome) {
      return outcomes.getOrDefault(outcome, 0);
    }

    public int failures() {
      return failureCount;
    }

    /** {@code [hardening] name: N cases (outcome n, ...)}. */
    public String summary() {
      StringBuilder sb = new StringBuilder("[hardening] ").append(name).append(": ").append(cases).append(" cases (");
      String sep = "";
      for (Map.Entry<String, Integer> e : outcomes.entrySet()) {
        sb.append(sep).append(e.getKey()).append(' ').append(e.getValue());
        sep = ", ";
      }
      sb.append(')').append(String.format(" in %.1f s (thread cpu %.1f s)", (System.nanoTime() - started) / 1e9, (cpu() - startedCpu) / 1e9));
      if (failureCount > 0) {
        sb.append(" FAILURES ").append(failureCount);
      }
      return sb.toString();
    }

    public Tally print() {
      System.out.println(summary());
      return this;
    }

    /** Prints the summary and fails if any case broke a contract. */
    public void assertClean() {
      print();
      if (failureCount > 0) {
        throw new AssertionError(name + ": " + failureCount + " of " + cases + " cases broke the contract (seed "
            + dev.leadscore.core.testing.PropertyCheck.seed() + "); first ones:\n  - " + String.join("\n  - ", failures));
      }
    }
  }

  /** What one call did: returned normally (with its value) or threw. */
  public record Outcome<T>(T value, Throwable thrown) {
    public boolean ok() {
      return thrown == null;
    }
  }

  /** A call that may throw anything. */
  @FunctionalInterface
  public interface Call<T> {
    T call() throws Exception;
  }

  /**
   * Runs {@code call} as one case: counts it as {@code ok} or by the simple name of what it threw.
   * An exception of a type not in {@code allowed}, or an allowed one with a blank message, is
   * recorded as a failure naming {@code input}.
   */
  @SafeVarargs
  public static <T> Outcome<T> attempt(Tally t, String input, Call<T> call, Class<? extends Throwable>... allowed) {
    try {
      T v = call.call();
      t.count("ok");
      return new Outcome<>(v, null);
    } catch (Throwable e) {
      if (e instanceof OutOfMemoryError oom) {
        throw oom;
      }
      boolean documented = false;
      for (Class<? extends Throwable> c : allowed) {
        documented |= c.isInstance(e);
      }
      t.count(documented ? e.getClass().getSimpleName() : "UNDOCUMENTED " + e.getClass().getName());
      if (!documented) {
        t.fail("undocumented " + e + " at " + where(e) + " for input " + excerpt(input));
      } else if (e.getMessage() == null || e.getMessage().isBlank()) {
        t.fail("blank message from " + e.getClass().getName() + " for input " + excerpt(input));
      }
      return new Outcome<>(null, e);
    }
  }

  /** The first stack frame, to point at the code that threw. */
  public static String where(Throwable e) {
    StackTraceElement[] st = e.getStackTrace();
    return st.length == 0 ? "?" : st[0].toString();
  }

  /** The input shortened for a failure message, with control characters escaped. */
  public static String excerpt(String s) {
    if (s == null) {
      return "null";
    }
    String cut = s.length() > 300 ? s.substring(0, 300) + "...(" + s.length() + " chars)" : s;
    StringBuilder sb = new StringBuilder("\"");
    for (char c : cut.toCharArray()) {
      if (c < 0x20 || c == 0x7f || (c >= 0xd800 && c <= 0xdfff) || c == 0xfeff) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  // ------------------------------------------------------------------ text mutations

  /** One random text edit: replace, insert, delete or duplicate a character, or swap two. */
  public static String mutateOnce(String s, SplittableRandom r) {
    if (s.isEmpty()) {
      return String.valueOf(NASTY.charAt(r.nextInt(NASTY.length())));
    }
    int i = r.nextInt(s.length());
    char c = NASTY.charAt(r.nextInt(NASTY.length()));
    switch (r.nextInt(5)) {
      case 0:
        return s.substring(0, i) + c + s.substring(i + 1);
      case 1:
        return s.substring(0, i) + c + s.substring(i);
      case 2:
        return s.substring(0, i) + s.substring(i + 1);
      case 3:
        return s.substring(0, i) + s.charAt(i) + s.substring(i);
      default:
        int j = r.nextInt(s.length());
        char[] a = s.toCharArray();
        char tmp = a[i];
        a[i] = a[j];
        a[j] = tmp;
        return new String(a);
    }
  }

  /** One to three random text edits. */
  public static String mutate(String s, SplittableRandom r) {
    int edits = 1 + r.nextInt(3);
    for (int k = 0; k < edits; k++) {
      s = mutateOnce(s, r);
    }
    return s;
  }

  /** The same text with one random character replaced by another from {@code alphabet}. */
  public static String flip(String s, SplittableRandom r, String alphabet) {
    int i = r.nextInt(s.length());
    char c;
    do {
      c = alphabet.charAt(r.nextInt(alphabet.length()));
    } while (c == s.charAt(i) && alphabet.length() > 1);
    return s.substring(0, i) + c + s.substring(i + 1);
  }

  /** Positions {@code 0 .. length-1}: every one when {@code length <= max}, else {@code max} spread evenly plus both ends. */
  public static int[] cutPoints(int length, int max) {
    if (length <= max) {
      int[] all = new int[length];
      for (int i = 0; i < length; i++) {
        all[i] = i;
      }
      return all;
    }
    java.util.TreeSet<Integer> set = new java.util.TreeSet<>();
    for (int i = 0; i < 64 && i < length; i++) {
      set.add(i);
      set.add(length - 1 - i);
    }
    for (int k = 0; set.size() < max; k++) {
      set.add((int) ((long) k * length / max));
      if (k > max) {
        break;
      }
    }
    return set.stream().mapToInt(Integer::intValue).toArray();
  }

  // ------------------------------------------------------------------ JSON tree mutations

  public static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException("not JSON: " + e, e);
    }
  }

  public static String compact(JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** JSON pointers of every node below the root (not the root itself), in document order. */
  public static List<String> pointers(JsonNode root) {
    List<String> out = new ArrayList<>();
    collect(root, "", out);
    return out;
  }

  private static void collect(JsonNode n, String at, List<String> out) {
    if (n.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        String p = at + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
        out.add(p);
        collect(e.getValue(), p, out);
      }
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        String p = at + "/" + i;
        out.add(p);
        collect(n.get(i), p, out);
      }
    }
  }

  /** Pointers whose node passes {@code keep}. */
  public static List<String> pointers(JsonNode root, Predicate<JsonNode> keep) {
    List<String> out = new ArrayList<>();
    for (String p : pointers(root)) {
      if (keep.test(root.at(p))) {
        out.add(p);
      }
    }
    return out;
  }

  /** The last segment of a pointer: the field name or the array index. */
  public static String lastSegment(String pointer) {
    String last = pointer.substring(pointer.lastIndexOf('/') + 1);
    return last.replace("~1", "/").replace("~0", "~");
  }

  /** A copy of {@code root} with the node at {@code pointer} replaced ({@code null}: removed). */
  public static JsonNode with(JsonNode root, String pointer, JsonNode replacement) {
    JsonNode copy = root.deepCopy();
    JsonPointer p = JsonPointer.compile(pointer);
    JsonNode parent = copy.at(p.head());
    String last = p.last().getMatchingProperty();
    if (parent instanceof ObjectNode o) {
      if (replacement == null) {
        o.remove(last);
      } else {
        o.set(last, replacement);
      }
    } else if (parent instanceof ArrayNode a) {
      int i = p.last().getMatchingIndex();
      if (replacement == null) {
        a.remove(i);
      } else {
        a.set(i, replacement);
      }
    } else {
      throw new IllegalArgumentException("no container at " + pointer);
    }
    return copy;
  }

  /** A copy with the field at {@code pointer} (an object member) renamed, keeping its position. */
  public static JsonNode renamed(JsonNode root, String pointer, String newName) {
    JsonNode copy = root.deepCopy();
    JsonPointer p = JsonPointer.compile(pointer);
    ObjectNode parent = (ObjectNode) copy.at(p.head());
    String old = p.last().getMatchingProperty();
    ObjectNode rebuilt = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = parent.properties().iterator(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      rebuilt.set(e.getKey().equals(old) ? newName : e.getKey(), e.getValue());
    }
    parent.removeAll();
    parent.setAll(rebuilt);
    return copy;
  }

  /** Values of every JSON type, and numbers JSON parsers find hard, to swap in for a node. */
  public static List<JsonNode> swaps() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    List<JsonNode> out = new ArrayList<>();
    out.add(TextNode.valueOf("x"));
    out.add(TextNode.valueOf(""));
    out.add(IntNode.valueOf(7));
    out.add(IntNode.valueOf(-1));
    out.add(DoubleNode.valueOf(0.5));
    out.add(BigIntegerNode.valueOf(new BigInteger("123456789012345678901234567890")));
    out.add(BooleanNode.TRUE);
    out.add(NullNode.instance);
    out.add(f.arrayNode());
    out.add(f.objectNode());
    out.add(f.arrayNode().add("x").add(1));
    out.add(f.objectNode().put("x", 1));
    return out;
  }

  /** Raw number tokens to splice into JSON text: huge, tiny, non-finite and non-JSON spellings. */
  public static final List<String> NUMBER_TOKENS = List.of("1e999", "-1e999", "1e308", "-1e308", "4.9e-324", "1e-400",
      "123456789012345678901234567890", "-9223372036854775809", "2147483648", "NaN", "Infinity", "-Infinity", "+1", "01",
      "1.", ".5", "0x10", "1e", "--1", "1_000", "\"12\"", "true", "null");

  /** Nested arrays {@code [[[...]]]} of the given depth, to exhaust a parser's nesting limit. */
  public static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }
}
