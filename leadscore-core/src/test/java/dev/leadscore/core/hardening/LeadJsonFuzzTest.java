package dev.leadscore.core.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.RowError;
import dev.leadscore.core.hardening.Fuzz.Outcome;
import dev.leadscore.core.hardening.Fuzz.Tally;
import dev.leadscore.core.io.LeadJson;
import dev.leadscore.core.io.ReadResult;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.core.testing.PropertyCheck;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad lead JSON at every entry point of {@link LeadJson}.
 *
 * <p>Documented exceptions: {@link LeadJson#readLead} throws {@link LeadDataException} (a lead's
 * data is bad; message names lead, field, line and column) or {@link IllegalArgumentException}
 * (not one well-formed JSON object; message gives line and column); nothing else. The batch
 * readers {@link LeadJson#readNdjson} and {@link LeadJson#readArray} throw nothing for bad content
 * (only {@link java.io.UncheckedIOException} for a failing reader): every bad record becomes a
 * {@link RowError} with its physical line, and the good ones are kept. NDJSON: every non-blank line
 * is exactly one lead or one error. Array: every element read is a lead or an error; a syntax error
 * ends the array with one more error, after which nothing is read.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LeadJsonFuzzTest {
  private static final String RICH = "{\"id\":\"L-rich\",\"createdAt\":\"2025-11-02T08:30:00Z\","
      + "\"attributes\":{\"company_size\":250,\"revenue\":1.5E7,\"dm\":true,\"opt_in\":false,\"industry\":\"Software\","
      + "\"title\":\"VP, Sales \\\"EMEA\\\"\",\"country\":null},"
      + "\"events\":[{\"type\":\"pricing_page_visit\",\"at\":\"2025-12-30T10:00:00Z\",\"count\":2},"
      + "{\"type\":\"demo_request\",\"at\":\"2025-12-31T23:59:59.123Z\",\"count\":1}]}";

  /** The rich hand-written lead plus three synthetic ones (with many events) as single-line JSON. */
  private static List<String> documents;
  /** 120 synthetic leads, for batches. */
  private static List<Lead> pipeline;

  @BeforeAll
  static void documents() {
    pipeline = SyntheticPipeline.builder().size(120).seed(7).build().generate().leads().stream()
        .map(LabelledLead::lead).toList();
    documents = new ArrayList<>(List.of(RICH));
    for (int i : new int[] {0, 17, 42}) {
      documents.add(LeadJson.write(pipeline.get(i)));
    }
  }

  private static boolean namesLine(Throwable e) {
    return e.getMessage().contains("line ");
  }

  // ------------------------------------------------------------------ readLead

  @Test
  void truncatedAtEveryPositionIsRefusedWithItsLine() {
    Tally t = new Tally("LeadJson.readLead truncated at every position (" + documents.size() + " docs)");
    Tally nd = new Tally("LeadJson.readNdjson one truncated line");
    for (String doc : documents) {
      for (int cut = 0; cut < doc.length(); cut++) {
        String prefix = doc.substring(0, cut);
        Outcome<Lead> o = Fuzz.attempt(t, prefix, () -> LeadJson.readLead(prefix), IllegalArgumentException.class);
        if (o.ok()) {
          t.fail("a strict prefix was accepted as a lead: " + Fuzz.excerpt(prefix));
        } else if (!namesLine(o.thrown()) && cut > 0) {
          t.fail("message names no line: " + o.thrown().getMessage());
        }
        if (prefix.isBlank()) {
          continue;
        }
        Outcome<ReadResult> r = Fuzz.attempt(nd, prefix, () -> LeadJson.readNdjson(new StringReader(prefix)));
        if (r.ok() && !(r.value().leads().isEmpty() && r.value().errors().size() == 1 && r.value().rowsRead() == 1
            && r.value().errors().get(0).row() == 1 && r.value().errors().get(0).message().startsWith("line 1"))) {
          nd.fail("truncated line not reported as exactly one error at line 1: " + r.value().errors() + " for " + Fuzz.excerpt(prefix));
        }
      }
    }
    t.assertClean();
    nd.assertClean();
  }

  @Test
  void randomEditsGiveALeadThatRoundTripsOrADocumentedError() {
    Tally t = new Tally("LeadJson.readLead random char edits");
    SplittableRandom r = new SplittableRandom(PropertyCheck.seed());
    for (int i = 0; i < 6000; i++) {
      String doc = Fuzz.mutate(documents.get(i % documents.size()), r);
      Outcome<Lead> o = Fuzz.attempt(t, doc, () -> LeadJson.readLead(doc), IllegalArgumentException.class);
      if (o.ok()) {
        Lead again = LeadJson.readLead(LeadJson.write(o.value()));
        if (!again.equals(o.value())) {
          t.fail("accepted lead does not round-trip: " + Fuzz.excerpt(doc));
        }
      } else if (!namesLine(o.thrown())) {
        t.fail("message names no line: " + o.thrown().getMessage() + " for " + Fuzz.excerpt(doc));
      }
    }
    t.assertClean();
  }

  /** Which field an error about the node at this pointer of a lead document must name. */
  private static String fieldOf(String pointer) {
    String[] s = pointer.substring(1).split("/");
    if (s[0].equals("attributes") && s.length >= 2) {
      return s[1];
    }
    if (s[0].equals("events") && s.length == 2) {
      return "events[" + s[1] + "]";
    }
    if (s[0].equals("events") && s.length >= 3) {
      return "events[" + s[1] + "]." + s[2];
    }
    return s[0];
  }

  @Test
  void typeSwapsRemovalsAndUnknownFieldsAreNamed() {
    Tally t = new Tally("LeadJson.readLead type swaps / removed / renamed fields");
    JsonNode root = Fuzz.tree(RICH);
    for (String p : Fuzz.pointers(root)) {
      String field = fieldOf(p);
      List<JsonNode> variants = new ArrayList<>(Fuzz.swaps());
      variants.add(null); // removal
      for (JsonNode swap : variants) {
        String doc = Fuzz.compact(Fuzz.with(root, p, swap));
        Outcome<Lead> o = Fuzz.attempt(t, doc, () -> LeadJson.readLead(doc), LeadDataException.class);
        if (!o.ok() && !o.thrown().getMessage().contains(field)) {
          t.fail("error for " + p + " does not name '" + field + "': " + o.thrown().getMessage());
        }
        if (!o.ok() && !o.thrown().getMessage().contains("L-rich") && !p.equals("/id")) {
          t.fail("error for " + p + " does not name the lead: " + o.thrown().getMessage());
        }
      }
      if (!p.startsWith("/attributes/") && !p.matches("/events/\\d+")) {
        String doc = Fuzz.compact(Fuzz.renamed(root, p, "zz_unknown"));
        Outcome<Lead> o = Fuzz.attempt(t, doc, () -> LeadJson.readLead(doc), LeadDataException.class);
        if (o.ok() || !o.thrown().getMessage().contains("zz_unknown")) {
          t.fail("unknown field at " + p + " not named: " + (o.ok() ? "accepted" : o.thrown().getMessage()));
        }
      }
    }
    t.assertClean();
  }

  @Test
  void numberTokensInAttributesAndCounts() {
    Tally t = new Tally("LeadJson.readLead huge / non-finite / non-JSON number tokens");
    for (String token : Fuzz.NUMBER_TOKENS) {
      String attr = "{\"id\":\"N1\",\"attributes\":{\"company_size\":" + token + "}}";
      Outcome<Lead> a = Fuzz.attempt(t, attr, () -> LeadJson.readLead(attr), IllegalArgumentException.class);
      if (a.ok()) {
        AttributeValue v = a.value().attribute("company_size");
        if (v instanceof AttributeValue.Num n && !Double.isFinite(n.value())) {
          t.fail("non-finite number accepted for " + token);
        }
      } else if (a.thrown() instanceof LeadDataException e) {
        if (!e.getMessage().contains("company_size") || !e.getMessage().contains("N1")) {
          t.fail("error for " + token + " does not name lead and field: " + e.getMessage());
        }
        if (!e.getMessage().contains(token.replace("+", ""))) {
          t.fail("error for " + token + " does not quote the token: " + e.getMessage());
        }
      } else if (!namesLine(a.thrown())) {
        t.fail("syntax error for " + token + " names no line: " + a.thrown().getMessage());
      }
      String count = "{\"id\":\"N2\",\"events\":[{\"type\":\"v\",\"at\":\"2026-01-01T00:00:00Z\",\"count\":" + token + "}]}";
      Outcome<Lead> c = Fuzz.attempt(t, count, () -> LeadJson.readLead(count), IllegalArgumentException.class);
      if (c.ok()) {
        int n = c.value().events().get(0).count();
        if (n < 0) {
          t.fail("negative count accepted for " + token);
        }
      } else if (c.thrown() instanceof LeadDataException e && !e.getMessage().contains("events[0].count")) {
        t.fail("error for count " + token + " does not name the field: " + e.getMessage());
      }
    }
    // exact values of the huge but finite ones
    assertEquals(1e308, num(LeadJson.readLead("{\"id\":\"x\",\"attributes\":{\"v\":1e308}}"), "v"));
    assertEquals(-1e308, num(LeadJson.readLead("{\"id\":\"x\",\"attributes\":{\"v\":-1e308}}"), "v"));
    assertEquals(1.2345678901234568E29, num(LeadJson.readLead("{\"id\":\"x\",\"attributes\":{\"v\":123456789012345678901234567890}}"), "v"));
    assertEquals(Double.MIN_VALUE, num(LeadJson.readLead("{\"id\":\"x\",\"attributes\":{\"v\":4.9e-324}}"), "v"));
    t.assertClean();
  }

  private static double num(Lead l, String name) {
    return ((AttributeValue.Num) l.attribute(name)).value();
  }

  @Test
  void deepNestingAndDuplicateKeys() {
    Tally t = new Tally("LeadJson.readLead deep nesting / duplicate keys");
    List<String[]> cases = new ArrayList<>(); // {document, token the error must contain}
    for (int depth : new int[] {10, 999, 1001, 5000, 100_000}) {
      cases.add(new String[] {"{\"id\":\"D\",\"attributes\":{\"deep\":" + Fuzz.nested(depth) + "}}", "deep"});
      cases.add(new String[] {"{\"id\":\"D\",\"attributes\":{\"deep\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}}", "deep"});
      cases.add(new String[] {"{\"id\":\"D\",\"events\":[" + Fuzz.nested(depth) + "]}", "events[0]"});
      cases.add(new String[] {Fuzz.nested(depth), "line"});
      cases.add(new String[] {"{\"id\":\"D\",\"zz\":" + Fuzz.nested(depth) + "}", "zz"});
    }
    cases.add(new String[] {"{\"id\":\"A\",\"id\":\"B\"}", "appears twice"});
    cases.add(new String[] {"{\"id\":\"A\",\"attributes\":{},\"attributes\":{}}", "attributes"});
    cases.add(new String[] {"{\"id\":\"A\",\"events\":[],\"events\":null}", "events"});
    cases.add(new String[] {"{\"id\":\"A\",\"createdAt\":null,\"createdAt\":\"2026-01-01T00:00:00Z\"}", "createdAt"});
    cases.add(new String[] {"{\"id\":\"A\",\"attributes\":{\"x\":1,\"y\":2,\"x\":3}}", "'x'"});
    cases.add(new String[] {"{\"id\":\"A\",\"events\":[{\"type\":\"v\",\"type\":\"w\",\"at\":\"2026-01-01T00:00:00Z\"}]}", "events[0].type"});
    cases.add(new String[] {"{\"id\":\"A\",\"events\":[{\"type\":\"v\",\"at\":\"2026-01-01T00:00:00Z\",\"count\":1,\"count\":2}]}", "events[0].count"});
    for (String[] c : cases) {
      Outcome<Lead> o = Fuzz.attempt(t, c[0], () -> LeadJson.readLead(c[0]), IllegalArgumentException.class);
      if (o.ok() && !c[0].contains(Fuzz.nested(10))) {
        t.fail("accepted: " + Fuzz.excerpt(c[0]));
      } else if (!o.ok() && !o.thrown().getMessage().contains(c[1])) {
        t.fail("error does not name '" + c[1] + "': " + o.thrown().getMessage());
      }
    }
    t.assertClean();
  }

  // ------------------------------------------------------------------ batches

  /** A bad lead line: a class name, its JSON (with {@code %s} for the id) and a token its error must contain. */
  record BadLine(String kind, String json, String token, boolean syntax) {}

  static final List<BadLine> DATA_ERRORS = List.of(
      new BadLine("missing id", "{\"attributes\":{\"a\":1}}", "id", false),
      new BadLine("numeric id", "{\"id\":17}", "id", false),
      new BadLine("blank id", "{\"id\":\"   \"}", "id", false),
      new BadLine("null id", "{\"id\":null}", "id", false),
      new BadLine("NaN attribute", "{\"id\":\"%s\",\"attributes\":{\"score\":NaN}}", "score", false),
      new BadLine("-Infinity attribute", "{\"id\":\"%s\",\"attributes\":{\"score\":-Infinity}}", "score", false),
      new BadLine("overflowing attribute", "{\"id\":\"%s\",\"attributes\":{\"score\":1e999}}", "1e999", false),
      new BadLine("array attribute", "{\"id\":\"%s\",\"attributes\":{\"tags\":[\"a\",\"b\"]}}", "tags", false),
      new BadLine("object attribute", "{\"id\":\"%s\",\"attributes\":{\"addr\":{\"city\":\"X\"}}}", "addr", false),
      new BadLine("blank attribute name", "{\"id\":\"%s\",\"attributes\":{\" \":1}}", "attribute name", false),
      new BadLine("unknown field", "{\"id\":\"%s\",\"colour\":\"red\"}", "colour", false),
      new BadLine("repeated id key", "{\"id\":\"%s\",\"id\":\"other\"}", "appears twice", false),
      new BadLine("repeated attribute", "{\"id\":\"%s\",\"attributes\":{\"a\":1,\"a\":2}}", "appears twice", false),
      new BadLine("attributes not an object", "{\"id\":\"%s\",\"attributes\":[1]}", "attributes", false),
      new BadLine("events not an array", "{\"id\":\"%s\",\"events\":{\"type\":\"x\"}}", "events", false),
      new BadLine("event not an object", "{\"id\":\"%s\",\"events\":[5]}", "events[0]", false),
      new BadLine("event without type", "{\"id\":\"%s\",\"events\":[{\"at\":\"2026-01-01T00:00:00Z\"}]}", "events[0].type", false),
      new BadLine("event with blank type", "{\"id\":\"%s\",\"events\":[{\"type\":\" \",\"at\":\"2026-01-01T00:00:00Z\"}]}", "events[0].type", false),
      new BadLine("event without timestamp", "{\"id\":\"%s\",\"events\":[{\"type\":\"v\"}]}", "events[0].at", false),
      new BadLine("impossible timestamp", "{\"id\":\"%s\",\"events\":[{\"type\":\"v\",\"at\":\"2026-13-45T00:00:00Z\"}]}", "2026-13-45", false),
      new BadLine("timestamp not ISO", "{\"id\":\"%s\",\"events\":[{\"type\":\"v\",\"at\":\"12/31/2025 10:00\"}]}", "12/31/2025", false),
      new BadLine("numeric timestamp", "{\"id\":\"%s\",\"events\":[{\"type\":\"v\",\"at\":1767225600}]}", "events[0].at", false),
      new BadLine("negative count", "{\"id\":\"%s\",\"events\":[{\"type\":\"v\",\"at\":\"2026-01-01T00:00:00Z\",\"count\":-3}]}", "-3", false),
      new BadLine("fractional count", "{\"id\":\"%s\",\"events\":[{\"type\":\"v\",\"at\":\"2026-01-01T00:00:00Z\",\"count\":1.5}]}", "1.5", false),
      new BadLine("huge count", "{\"id\":\"%s\",\"events\":[{\"type\":\"v\",\"at\":\"2026-01-01T00:00:00Z\",\"count\":99999999999}]}", "99999999999", false),
      new BadLine("count as text", "{\"id\":\"%s\",\"events\":[{\"type\":\"v\",\"at\":\"2026-01-01T00:00:00Z\",\"count\":\"2\"}]}", "count", false),
      new BadLine("unknown event field", "{\"id\":\"%s\",\"events\":[{\"type\":\"v\",\"at\":\"2026-01-01T00:00:00Z\",\"weight\":2}]}", "weight", false),
      new BadLine("createdAt not a date", "{\"id\":\"%s\",\"createdAt\":\"yesterday\"}", "yesterday", false),
      new BadLine("createdAt a number", "{\"id\":\"%s\",\"createdAt\":20260101}", "createdAt", false));

  static final List<BadLine> SYNTAX_ERRORS = List.of(
      new BadLine("truncated", "{\"id\":\"%s\",\"attributes\":{\"a\":1", "malformed JSON", true),
      new BadLine("trailing comma", "{\"id\":\"%s\",}", "malformed JSON", true),
      new BadLine("single quotes", "{'id':'%s'}", "malformed JSON", true),
      new BadLine("leading zero", "{\"id\":\"%s\",\"attributes\":{\"a\":007}}", "malformed JSON", true),
      new BadLine("raw control char", "{\"id\":\"%s\u0001\"}", "malformed JSON", true),
      new BadLine("unquoted key", "{id:\"%s\"}", "malformed JSON", true),
      new BadLine("two objects", "{\"id\":\"%s\"}{\"id\":\"again\"}", "unexpected content", true),
      new BadLine("array line", "[1,2]", "expected a lead object", true),
      new BadLine("bare string", "\"hello\"", "expected a lead object", true),
      new BadLine("deep nesting", "{\"id\":\"%s\",\"attributes\":{\"x\":" + Fuzz.nested(3000) + "}}", "'x'", true));

  /** Good lines whose values are extreme but valid: they must be accepted as written. */
  static final List<String> EXTREME_GOOD = List.of(
      "{\"id\":\"%s\",\"attributes\":{\"v\":123456789012345678901234567890,\"w\":-1e308,\"z\":4.9e-324}}",
      "{\"id\":\"%s\",\"attributes\":null,\"events\":null,\"createdAt\":null}",
      "{\"id\":\"%s\",\"events\":[{\"type\":\"v\",\"at\":\"2026-01-01T00:00:00Z\",\"count\":2147483647},{\"type\":\"v\",\"at\":\"+1000000000-12-31T23:59:59.999999999Z\",\"count\":0}]}",
      "{\"id\":\"%s\",\"attributes\":{\"t\":\"\\u0000\\ud800 \\\"quoted\\\" \\u20ac\"}}",
      "{ \"id\" : \"%s\" , \"attributes\" : { } , \"events\" : [ ] }");

  /**
   * NDJSON batches: good synthetic leads, bad lines of every class, extreme-but-valid lines and
   * randomly edited lines, with a BOM, CRLF/LF mix and blank lines. Every non-blank line must be
   * exactly one lead or one error at that line; good lines come out unchanged.
   */
  @Test
  void ndjsonBatchesAccountForEveryLine() {
    Tally t = new Tally("LeadJson.readNdjson mixed batches (lines)");
    SplittableRandom r = new SplittableRandom(PropertyCheck.seed() + 1);
    long in = 0;
    long outLeads = 0;
    long outErrors = 0;
    Map<String, Integer> perClass = new HashMap<>();
    for (int batch = 0; batch < 40; batch++) {
      StringBuilder text = new StringBuilder(r.nextBoolean() ? "\uFEFF" : "");
      Map<Long, Object> expected = new HashMap<>(); // line -> Lead (good) | BadLine | "mutated"
      long line = 0;
      int n = 60 + r.nextInt(60);
      for (int i = 0; i < n; i++) {
        if (r.nextInt(10) == 0) {
          text.append(r.nextBoolean() ? "" : "   ").append(r.nextBoolean() ? "\r\n" : "\n");
          line++;
        }
        line++;
        String id = "b" + batch + "-" + i;
        int kind = r.nextInt(10);
        if (kind < 5) {
          Lead good = pipeline.get(r.nextInt(pipeline.size())).toBuilder().build();
          Lead renamed = renamed(good, id);
          text.append(LeadJson.write(renamed));
          expected.put(line, renamed);
        } else if (kind < 7) {
          BadLine b = DATA_ERRORS.get(r.nextInt(DATA_ERRORS.size()));
          text.append(b.json().replace("%s", id));
          expected.put(line, b);
        } else if (kind < 8) {
          BadLine b = SYNTAX_ERRORS.get(r.nextInt(SYNTAX_ERRORS.size()));
          text.append(b.json().replace("%s", id));
          expected.put(line, b);
        } else if (kind < 9) {
          String g = EXTREME_GOOD.get(r.nextInt(EXTREME_GOOD.size())).replace("%s", id);
          text.append(g);
          expected.put(line, LeadJson.readLead(g));
        } else {
          String m = Fuzz.mutate(LeadJson.write(renamed(pipeline.get(r.nextInt(pipeline.size())), id)), r)
              .replace('\n', ' ').replace('\r', ' ');
          text.append(m);
          expected.put(line, m.isBlank() ? "blank" : "mutated");
        }
        text.append(r.nextBoolean() ? "\r\n" : "\n");
      }
      if (r.nextBoolean()) {
        text.setLength(text.length() - (text.charAt(text.length() - 2) == '\r' ? 2 : 1)); // no final line break
      }
      ReadResult res = LeadJson.readNdjson(new StringReader(text.toString()));
      long nonBlank = expected.values().stream().filter(v -> !"blank".equals(v)).count();
      in += nonBlank;
      outLeads += res.leads().size();
      outErrors += res.errors().size();
      if (res.rowsRead() != nonBlank || res.leads().size() + res.errors().size() != nonBlank) {
        t.fail("batch " + batch + ": " + nonBlank + " lines in, rowsRead " + res.rowsRead() + ", " + res.leads().size()
            + " leads + " + res.errors().size() + " errors");
      }
      Map<Long, RowError> errorAt = new HashMap<>();
      for (RowError e : res.errors()) {
        if (errorAt.put(e.row(), e) != null) {
          t.fail("two errors at line " + e.row());
        }
        if (!e.message().startsWith("line " + e.row())) {
          t.fail("message does not start with its line: " + e);
        }
      }
      Map<String, Lead> leadById = new HashMap<>();
      res.leads().forEach(l -> leadById.put(l.id(), l));
      for (Map.Entry<Long, Object> e : expected.entrySet()) {
        Object want = e.getValue();
        RowError err = errorAt.get(e.getKey());
        String outcome;
        if (want instanceof Lead good) {
          outcome = "good line kept";
          if (!good.equals(leadById.get(good.id())) && err != null && err.message().contains("already used")) {
            outcome = "good line reported as a repeat of an edited line's id";
          } else if (!good.equals(leadById.get(good.id()))) {
            outcome = "good line LOST";
            t.fail("line " + e.getKey() + ": good lead " + good.id() + " not read back unchanged; error: " + err);
          }
        } else if (want instanceof BadLine b) {
          outcome = b.syntax() ? "syntax error reported" : "data error reported";
          perClass.merge(b.kind(), 1, Integer::sum);
          if (err == null || !err.message().contains(b.token())) {
            t.fail("line " + e.getKey() + " (" + b.kind() + "): expected an error naming '" + b.token() + "', got " + err);
          }
        } else if ("mutated".equals(want)) {
          outcome = err == null ? "mutated line accepted" : "mutated line reported";
        } else {
          continue;
        }
        t.count(outcome);
      }
    }
    System.out.println("[hardening] NDJSON data loss check: " + in + " lines in = " + outLeads + " leads + " + outErrors
        + " errors; bad classes hit: " + perClass.size() + " of " + (DATA_ERRORS.size() + SYNTAX_ERRORS.size()));
    assertEquals(in, outLeads + outErrors);
    t.assertClean();
  }

  private static Lead renamed(Lead lead, String id) {
    Lead.Builder b = Lead.builder(id);
    lead.attributes().forEach(b::attribute);
    lead.events().forEach(b::event);
    lead.createdAt().ifPresent(b::createdAt);
    return b.build();
  }

  /**
   * Arrays with one lead per line and data errors (no syntax errors): every element is one lead
   * or one error at its line, and good elements come out unchanged and in order.
   */
  @Test
  void arrayBatchesKeepGoodElementsAndReportEachBadOne() {
    Tally t = new Tally("LeadJson.readArray data-error batches (elements)");
    SplittableRandom r = new SplittableRandom(PropertyCheck.seed() + 2);
    long in = 0;
    long out = 0;
    long errs = 0;
    for (int batch = 0; batch < 40; batch++) {
      List<Object> elements = new ArrayList<>();
      StringBuilder text = new StringBuilder(r.nextBoolean() ? "\uFEFF[\n" : "[\n");
      int n = 40 + r.nextInt(60);
      List<Lead> goodInOrder = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String id = "a" + batch + "-" + i;
        String json;
        if (r.nextInt(3) == 0) {
          BadLine b = DATA_ERRORS.get(r.nextInt(DATA_ERRORS.size()));
          json = b.json().replace("%s", id);
          elements.add(b);
        } else if (r.nextInt(12) == 0) {
          json = r.nextBoolean() ? "42" : "\"a string\"";
          elements.add(new BadLine("non-object element", json, "expected a lead object", false));
        } else if (r.nextInt(12) == 0 && !goodInOrder.isEmpty()) {
          Lead first = goodInOrder.get(r.nextInt(goodInOrder.size()));
          json = LeadJson.write(first);
          elements.add(new BadLine("repeated lead id", json, "already used", false));
        } else {
          Lead good = renamed(pipeline.get(r.nextInt(pipeline.size())), id);
          json = LeadJson.write(good);
          elements.add(good);
          goodInOrder.add(good);
        }
        text.append(json).append(i + 1 < n ? ",\r\n" : "\n");
      }
      text.append("]\n");
      ReadResult res = LeadJson.readArray(new StringReader(text.toString()));
      in += n;
      out += res.leads().size();
      errs += res.errors().size();
      if (res.rowsRead() != n || res.leads().size() + res.errors().size() != n) {
        t.fail("batch " + batch + ": " + n + " elements, rowsRead " + res.rowsRead() + ", " + res.leads().size() + " leads + "
            + res.errors().size() + " errors");
      }
      if (!res.leads().equals(goodInOrder)) {
        t.fail("batch " + batch + ": the good leads did not come out unchanged and in order");
      }
      Map<Long, RowError> errorAt = new HashMap<>();
      res.errors().forEach(e -> errorAt.put(e.row(), e));
      for (int i = 0; i < n; i++) {
        long lineNo = i + 2;
        if (elements.get(i) instanceof BadLine b) {
          RowError e = errorAt.get(lineNo);
          t.count(b.kind().equals("non-object element") || b.kind().equals("repeated lead id") ? b.kind() : "data error");
          if (e == null || !e.message().contains(b.token()) || !e.message().startsWith("line " + lineNo)) {
            t.fail("element at line " + lineNo + " (" + b.kind() + "): expected an error naming '" + b.token() + "', got " + e);
          }
        } else {
          t.count("good element");
        }
      }
    }
    System.out.println("[hardening] JSON array data loss check: " + in + " elements in = " + out + " leads + " + errs + " errors");
    assertEquals(in, out + errs);
    t.assertClean();
  }

  /**
   * An array of 25 leads truncated at every position: exactly the leads whose closing brace lies
   * before the cut come out, in order, and one error with the line of the cut says reading stopped.
   */
  @Test
  void arrayTruncatedAtEveryPositionKeepsTheCompleteLeads() {
    Tally t = new Tally("LeadJson.readArray truncated at every position");
    List<Lead> leads = new ArrayList<>();
    StringBuilder text = new StringBuilder("[\n");
    List<Integer> ends = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      Lead l = Lead.builder("T" + i).number("company_size", i * 10.5).text("industry", "x\"y")
          .event("site_visit", Instant.parse("2025-12-01T00:00:00Z"), i).build();
      leads.add(l);
      text.append(LeadJson.write(l));
      ends.add(text.length());
      text.append(",\n");
    }
    text.setLength(text.length() - 2);
    text.append("\n]");
    String doc = text.toString();
    assertEquals(leads, LeadJson.readArray(new StringReader(doc)).leads());
    for (int cut = 0; cut < doc.length(); cut++) {
      String prefix = doc.substring(0, cut);
      int complete = 0;
      while (complete < ends.size() && ends.get(complete) <= cut) {
        complete++;
      }
      Outcome<ReadResult> o = Fuzz.attempt(t, prefix, () -> LeadJson.readArray(new StringReader(prefix)));
      if (!o.ok()) {
        continue;
      }
      ReadResult res = o.value();
      long cutLine = prefix.chars().filter(c -> c == '\n').count() + 1;
      if (!res.leads().equals(leads.subList(0, complete))) {
        t.fail("cut at " + cut + ": expected the first " + complete + " leads, got " + res.leads().size());
      }
      if (res.errors().size() != 1 || res.errors().get(0).row() != cutLine
          || !(res.errors().get(0).message().contains("reading stopped") || res.errors().get(0).message().contains("nothing was read"))) {
        t.fail("cut at " + cut + " (line " + cutLine + "): expected one error at that line saying reading stopped, got " + res.errors());
      }
      if (res.leads().size() + res.errors().size() < res.rowsRead()) {
        t.fail("cut at " + cut + ": " + res.rowsRead() + " elements read but only " + res.leads().size() + " leads + "
            + res.errors().size() + " errors");
      }
    }
    t.assertClean();
  }

  /** Random edits anywhere in an array: no exception, every element read is accounted for, and leads before the first damage survive. */
  @Test
  void arrayRandomEditsNeverLoseAnUndamagedLeadBeforeTheDamage() {
    Tally t = new Tally("LeadJson.readArray random edits");
    SplittableRandom r = new SplittableRandom(PropertyCheck.seed() + 3);
    List<Lead> leads = pipeline.subList(0, 12);
    List<String> lines = leads.stream().map(LeadJson::write).toList();
    String doc = "[\n" + String.join(",\n", lines) + "\n]\n";
    for (int i = 0; i < 1200; i++) {
      String m = Fuzz.mutate(doc, r);
      int firstDiff = 0;
      while (firstDiff < Math.min(m.length(), doc.length()) && m.charAt(firstDiff) == doc.charAt(firstDiff)) {
        firstDiff++;
      }
      long damagedLine = doc.substring(0, firstDiff).chars().filter(c -> c == '\n').count() + 1;
      Outcome<ReadResult> o = Fuzz.attempt(t, m, () -> LeadJson.readArray(new StringReader(m)));
      if (!o.ok()) {
        continue;
      }
      ReadResult res = o.value();
      if (res.leads().size() > res.rowsRead() || res.leads().size() + res.errors().size() < res.rowsRead()) {
        t.fail("rowsRead " + res.rowsRead() + " but " + res.leads().size() + " leads + " + res.errors().size() + " errors");
      }
      // leads on lines 2 .. damagedLine-1 are untouched and must come out first, unchanged
      int intact = (int) Math.max(0, Math.min(leads.size(), damagedLine - 2));
      if (res.leads().size() < intact || !res.leads().subList(0, intact).equals(leads.subList(0, intact))) {
        t.fail("an undamaged lead before the first edit (line " + damagedLine + ") was lost: " + res + " " + res.errors());
      }
      for (RowError e : res.errors()) {
        if (!e.message().startsWith("line " + e.row())) {
          t.fail("error message does not start with its line: " + e);
        }
      }
    }
    t.assertClean();
  }

  @Test
  void nullAndEmptyInputs() {
    ReadResult empty = LeadJson.readNdjson(new StringReader(""));
    assertEquals(0, empty.rowsRead());
    assertTrue(empty.leads().isEmpty() && empty.errors().isEmpty());
    ReadResult emptyArray = LeadJson.readArray(new StringReader(""));
    assertEquals(1, emptyArray.errors().size(), "an empty document is reported: " + emptyArray.errors());
    ReadResult notArray = LeadJson.readArray(new StringReader("{\"id\":\"x\"}"));
    assertEquals(1, notArray.errors().size());
    assertTrue(notArray.errors().get(0).message().contains("expected a JSON array"), notArray.errors().toString());
    System.out.println("[hardening] LeadJson empty / not-an-array documents: 3 cases, each reported as one error or nothing read");
  }
}
