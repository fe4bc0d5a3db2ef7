package dev.leadscore.core.schema;

import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.Lead;
import dev.leadscore.core.internal.EventColumns;
import dev.leadscore.core.internal.EventRouting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link FeatureSchema} together with what was learned from training rows (imputation values,
 * kept category levels): the form that turns a lead into a numeric vector. Only
 * {@link FeatureSchema#fit} and {@link #fromJson} make one.
 *
 * <p>Extraction ({@link #extract(Lead, Instant, double[])}) resolves every name once, at
 * construction; per lead it does one map lookup per attribute read and one pass over the lead's
 * events, and allocates nothing once its text features have seen a pipeline's values (an
 * e-mail address outside ASCII takes a general path that does): each remembers what a distinct
 * short raw text became (at most 8,192 texts of at most 64 characters per feature), so a fitted
 * schema keeps texts it has seen. Those memos hold results that depend on the text only, never errors, so answers do
 * not depend on them. It never reads the clock: events after {@code asOf} are ignored,
 * ages are measured back from {@code asOf}. It never writes NaN or infinity: missing values are
 * imputed, flagged where declared, and unknown categories go to {@code other}. Values it cannot
 * read (text where a number is required, an undeclared ordinal value) raise a
 * {@link dev.leadscore.core.LeadDataException} naming the lead and the field, and so does a lead
 * that has attributes but not one the schema reads (its names are another export's).
 *
 * <p>The {@linkplain #fingerprint() fingerprint} covers the schema and the fitted values, so two
 * fitted schemas with the same fingerprint extract identical vectors. Immutable apart from the
 * memos (thread-safe caches) and safe to share between threads.
 */
public final class FittedSchema {
  private final FeatureSchema schema;
  private final Map<String, FittedFeature> fitted;
  // Pairwise products a trainer chose from data, compiled after the declared features.
  private final List<InteractionFeature> pairs;
  private final CompiledFeature[] compiled;
  // Per feature, its reason templates split around their placeholders once, here.
  private final ReasonTemplates.Compiled[] wordings;
  private final CompiledFeature.EventFeature[] eventFeatures;
  // Per event type, the positions in eventFeatures of the features reading it.
  private final EventRouting eventSlotsByType;
  // The features again, one array per kind in schema order, so each write call site sees one
  // class and the JIT inlines it (a loop over all of them is a megamorphic call per feature).
  // This is the one place that names every kind's compiled class: the price of monomorphic
  // writes on the hot path. A kind missing here fails the check in the constructor for any
  // schema that uses it. Each feature writes only its own columns; interactions read their
  // parents' and go last.
  private final NumericKind.Compiled[] numerics;
  private final BooleanKind.Compiled[] bools;
  private final OrdinalKind.Compiled[] ordinals;
  private final CategoricalKind.Compiled[] categoricals;
  private final TitleSeniorityKind.Compiled[] titles;
  private final EmailDomainKind.Compiled[] emails;
  private final EventCountKind.Compiled[] counts;
  private final RecencyKind.Compiled[] recencies;
  private final InteractionKind.Compiled[] interactions;
  // Per feature, its position in eventFeatures, or -1.
  private final int[] eventSlot;
  private final Map<String, Integer> featureIndex;
  private final List<Column> columns;
  private final Map<String, Integer> columnIndex;
  // Per column, the parent columns of a product (INTERACTION) column, else -1.
  /** The attributes the features read, in schema order, once each. */
  private final String[] attributesRead;
  private final int[] productLeft;
  private final int[] productRight;
  private final int width;
  private final String fingerprint;

  FittedSchema(FeatureSchema schema, Map<String, FittedFeature> fitted) {
    this(schema, fitted, List.of());
  }

  FittedSchema(FeatureSchema schema, Map<String, FittedFeature> fitted, List<InteractionFeature> pairs) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.fitted = Map.copyOf(fitted);
    this.pairs = List.copyOf(pairs);
    List<FeatureSpec> specs = new ArrayList<>(schema.features());
    for (InteractionFeature p : this.pairs) {
      if (schema.hasFeature(p.name()) || specs.stream().anyMatch(s -> s.name().equals(p.name()))) {
        throw SchemaException.of(p.name(), "a learned pair must not reuse the name of a feature or another pair");
      }
      specs.add(p);
    }
    this.compiled = new CompiledFeature[specs.size()];
    this.wordings = new ReasonTemplates.Compiled[specs.size()];
    List<Column> cols = new ArrayList<>();
    Map<String, Integer> colIdx = new HashMap<>();
    Map<String, Integer> featIdx = new HashMap<>();
    List<CompiledFeature.EventFeature> events = new ArrayList<>();
    Map<String, List<Integer>> byType = new HashMap<>();
    this.eventSlot = new int[specs.size()];
    int offset = 0;
    for (int i = 0; i < specs.size(); i++) {
      FeatureSpec spec = specs.get(i);
      FeatureKind kind = spec.machinery();
      FittedFeature ff = this.fitted.get(spec.name());
      CompiledFeature c = kind.compile(offset, ff, colIdx);
      compiled[i] = c;
      wordings[i] = spec.info().reasons().compile(spec.name());
      if (i < schema.features().size()) {
        featIdx.put(spec.name(), i);
      }
      List<Column> own = kind.columns(offset, ff);
      if (c.width() != own.size()) { // compile and columns are separate parts of a kind
        throw new AssertionError("feature kind '" + spec.kind() + "' compiles " + c.width() + " columns but names "
            + own.size());
      }
      for (Column col : own) {
        cols.add(col);
        colIdx.put(col.name(), col.index());
      }
      eventSlot[i] = -1;
      if (c instanceof CompiledFeature.EventFeature ef) {
        int slot = events.size();
        eventSlot[i] = slot;
        events.add(ef);
        for (String type : spec.eventTypes()) {
          byType.computeIfAbsent(type, t -> new ArrayList<>()).add(slot);
        }
      }
      offset += c.width();
    }
    if (colIdx.size() != cols.size()) {
      throw new SchemaException("schema '" + schema.name() + "': two features produce the same column name; columns are " + cols.stream().map(Column::name).toList());
    }
    this.width = offset;
    this.attributesRead = specs.stream().flatMap(s -> s.attributes().stream()).distinct().toArray(String[]::new);
    this.columns = List.copyOf(cols);
    this.columnIndex = Map.copyOf(colIdx);
    this.featureIndex = Map.copyOf(featIdx);
    this.productLeft = new int[offset];
    this.productRight = new int[offset];
    java.util.Arrays.fill(productLeft, -1);
    java.util.Arrays.fill(productRight, -1);
    for (Column col : cols) {
      if (col.role() == Column.Role.INTERACTION) {
        FeatureSpec owner = specs.stream().filter(s -> s.name().equals(col.feature())).findFirst().orElseThrow();
        List<String> parents = owner.machinery().parentColumns();
        productLeft[col.index()] = colIdx.get(parents.get(0));
        productRight[col.index()] = colIdx.get(parents.get(1));
      }
    }
    this.eventFeatures = events.toArray(new CompiledFeature.EventFeature[0]);
    Map<String, int[]> slots = new HashMap<>();
    byType.forEach((type, list) -> slots.put(type, list.stream().mapToInt(Integer::intValue).toArray()));
    this.eventSlotsByType = new EventRouting(slots);
    this.numerics = ofKind(compiled, NumericKind.Compiled.class);
    this.bools = ofKind(compiled, BooleanKind.Compiled.class);
    this.ordinals = ofKind(compiled, OrdinalKind.Compiled.class);
    this.categoricals = ofKind(compiled, CategoricalKind.Compiled.class);
    this.titles = ofKind(compiled, TitleSeniorityKind.Compiled.class);
    this.emails = ofKind(compiled, EmailDomainKind.Compiled.class);
    this.counts = ofKind(compiled, EventCountKind.Compiled.class);
    this.recencies = ofKind(compiled, RecencyKind.Compiled.class);
    this.interactions = ofKind(compiled, InteractionKind.Compiled.class);
    int kinds = numerics.length + bools.length + ordinals.length + categoricals.length + titles.length + emails.length
        + counts.length + recencies.length + interactions.length;
    if (kinds != compiled.length) {
      throw new AssertionError("a compiled feature kind is missing from extraction: " + kinds + " of " + compiled.length);
    }
    this.fingerprint = SchemaJson.sha256(SchemaJson.canonical(SchemaJson.writeFitted(this, false)));
  }

  @SuppressWarnings("unchecked")
  private static <T extends CompiledFeature> T[] ofKind(CompiledFeature[] all, Class<T> kind) {
    return java.util.Arrays.stream(all).filter(kind::isInstance).map(kind::cast)
        .toArray(n -> (T[]) java.lang.reflect.Array.newInstance(kind, n));
  }

  /** Column names a feature produces whatever the data, used to check interaction parents. */
  static List<String> declaredColumnNames(FeatureSpec spec) {
    return spec.machinery().declaredColumnNames();
  }

  /** {@return the declared contract this was fitted from} */
  public FeatureSchema schema() {
    return schema;
  }

  /**
   * The pairwise products chosen from data (by a trainer), beyond the declared features: each adds
   * one {@link Column.Role#INTERACTION} column after all declared columns, and explanations split
   * it between its two parent features like a declared interaction. Empty unless {@link
   * #withPairs} added some.
   *
   * @return the learned pairs, unmodifiable
   */
  public List<InteractionFeature> pairs() {
    return pairs;
  }

  /**
   * This fitted schema with learned pairwise products appended (replacing any it had).
   *
   * @param learned the pairs to append
   * @return the fitted schema with those pairs
   * @throws SchemaException if a pair's name is taken or a parent column does not exist
   */
  public FittedSchema withPairs(List<InteractionFeature> learned) {
    return new FittedSchema(schema, fitted, learned);
  }

  /** {@return the columns in vector order (unmodifiable)} */
  public List<Column> columns() {
    return columns;
  }

  /** {@return the number of columns: the length {@link #extract} needs} */
  public int width() {
    return width;
  }

  /** The index of the named column. @throws IllegalArgumentException if there is none */
  public int columnIndex(String columnName) {
    Integer i = columnIndex.get(columnName);
    if (i == null) {
      throw new IllegalArgumentException("no column '" + columnName + "' in schema '" + schema.name() + "'");
    }
    return i;
  }

  /**
   * The first parent column of a product column ({@link Column.Role#INTERACTION}: its value is the
   * product of two other columns), or -1 for any other column.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= column < width()}
   */
  public int productLeft(int column) {
    return productLeft[column];
  }

  /** The second parent column of a product column, or -1 for any other column; see {@link #productLeft}. */
  public int productRight(int column) {
    return productRight[column];
  }

  /** The index of the named feature in {@link FeatureSchema#features()}. @throws IllegalArgumentException if there is none */
  public int featureIndex(String featureName) {
    Integer i = featureIndex.get(featureName);
    if (i == null) {
      throw new IllegalArgumentException("schema '" + schema.name() + "' has no feature '" + featureName + "'");
    }
    return i;
  }

  /**
   * The knots of a numeric feature's basis (declared or automatic), in transformed units,
   * ascending; empty for a feature without one.
   */
  public List<Double> knots(String featureName) {
    FittedFeature ff = fitted.get(featureName);
    return ff == null || ff.knots() == null ? List.of() : ff.knots();
  }

  /** The imputed value of a numeric, boolean or ordinal feature (transformed units), or NaN. */
  public double imputedValue(String featureName) {
    FittedFeature ff = fitted.get(featureName);
    return ff == null ? Double.NaN : ff.impute();
  }

  /**
   * The kept levels of a categorical feature, normalised: learned levels sorted, declared levels
   * in declaration order; or an empty list.
   */
  public List<String> levels(String featureName) {
    FittedFeature ff = fitted.get(featureName);
    return ff == null || ff.levels() == null ? List.of() : ff.levels();
  }

  /**
   * Writes the lead's feature vector into {@code out[0 .. width())}, overwriting every one of
   * those entries and nothing else. Allocation-free; cost O(attributes read + events).
   *
   * @param lead the lead
   * @param asOf the scoring instant: events after it are ignored, ages are measured back from it
   * @param out a buffer of length {@code >= width()}; modified, and left partly written when
   *     this throws, so a caller must not use it after an exception
   * @throws dev.leadscore.core.LeadDataException naming the lead and field for unreadable values
   */
  public void extract(Lead lead, Instant asOf, double[] out) {
    extract(lead, asOf, out, null);
  }

  /**
   * Receives, during {@link FittedSchema#extract(Lead, Instant, double[], EventTap)}'s one pass over
   * a lead's events, each event that pass folds into the event features: of a type the schema
   * reads, not after asOf (to the nanosecond), zero counts included, in the lead's event order. For
   * a caller that needs more of the events than the columns keep (the rule scorer's caps on the
   * most recent events), so that it does not pass over the events a second time. The schema keeps
   * no state of a tap; an implementation holds one call's state and is not shared between threads.
   */
  public interface EventTap {
    /**
     * One event.
     *
     * @param typeId {@link FittedSchema#eventTypeId} of its type
     * @param ageDays its age in days as extraction measures it: asOf's whole epoch milliseconds
     *     minus the event's, over 86,400,000 (exact for instants within about 285,000 years of
     *     1970)
     * @param count its count, {@code >= 0}
     */
    void accept(int typeId, double ageDays, int count);
  }

  /**
   * The id an {@link EventTap} receives for events of {@code type}, in
   * {@code [0, eventTypeIdBound())}, or -1 when the schema does not read the type.
   */
  public int eventTypeId(String type) {
    return eventSlotsByType.indexOf(Objects.requireNonNull(type, "type"));
  }

  /** {@return the bound of {@link #eventTypeId}'s ids (for arrays indexed by them)} */
  public int eventTypeIdBound() {
    return eventSlotsByType.capacity();
  }

  /**
   * {@link #extract(Lead, Instant, double[])}, handing each event of its one pass over the lead's
   * events to {@code tap} as well (see {@link EventTap}).
   *
   * @param tap receives the events, or {@code null} for none
   */
  public void extract(Lead lead, Instant asOf, double[] out, EventTap tap) {
    Objects.requireNonNull(lead, "lead");
    Objects.requireNonNull(asOf, "asOf");
    if (out.length < width) {
      throw new IllegalArgumentException("buffer has length " + out.length + " but the schema needs " + width);
    }
    requireAKnownAttribute(lead);
    try {
      eventPass(lead, asOf, out, tap);
      writeByKind(lead, asOf, out);
    } catch (dev.leadscore.core.LeadDataException e) {
      // The grouped writes meet a lead's problems in kind order; report the one the schema's own
      // order meets first, as before the grouping (error path only, so its cost does not matter).
      eventPass(lead, asOf, out, null);
      for (CompiledFeature c : compiled) {
        c.write(lead, asOf, out);
      }
      throw e; // not reached: the same writes fail again, a memo never hides an error
    }
  }

  /**
   * Refuses a lead that has attributes but not one the schema reads: its attribute names do not
   * match the schema's (another export, renamed columns), and it would otherwise score as a lead
   * with every value missing. A lead with no attributes at all (events only) is read as usual, and
   * so is any lead when the schema reads no attributes. Stops at the first attribute found.
   */
  private void requireAKnownAttribute(Lead lead) {
    if (attributesRead.length == 0 || lead.attributes().isEmpty()) {
      return;
    }
    Map<String, AttributeValue> has = lead.attributes();
    for (String a : attributesRead) {
      if (has.containsKey(a)) { // present, even if its value is missing: the names match
        return;
      }
    }
    List<String> names = new ArrayList<>(has.keySet());
    Collections.sort(names);
    throw new dev.leadscore.core.LeadDataException(lead.id(), firstFew(names),
        "none of the lead's " + names.size() + " attributes is one the schema reads (" + firstFew(List.of(attributesRead))
        + "): are the attribute names those of the schema?");
  }

  private static String firstFew(List<String> names) {
    return names.size() > 5 ? String.join(", ", names.subList(0, 5)) + ", ..." : String.join(", ", names);
  }

  /** Resets the event features' accumulators and folds the lead's events into them. */
  private void eventPass(Lead lead, Instant asOf, double[] out, EventTap tap) {
    for (CompiledFeature.EventFeature ef : eventFeatures) {
      ef.reset(out);
    }
    if (eventFeatures.length > 0) {
      double asOfMillis = EventColumns.epochMillis(asOf);
      long asOfSecond = asOf.getEpochSecond();
      int asOfNano = asOf.getNano();
      EventColumns events = EventColumns.copyOf(lead.events()); // the lead's own, not a copy
      if (tap != null) {
        tappedEventPass(events, asOfMillis, asOfSecond, asOfNano, out, tap);
        return;
      }
      for (int i = 0, n = events.size(); i < n; i++) {
        int[] slots = eventSlotsByType.slotsOf(events.type(i));
        if (slots == null || events.isAfter(i, asOfSecond, asOfNano)) {
          continue; // a type no feature reads, or the future, which is not evidence
        }
        double ageMillis = events.ageMillis(i, asOfMillis);
        double age = EventColumns.toDays(ageMillis); // events.ageDays, without computing ageMillis twice
        int count = events.count(i);
        for (int k : slots) {
          eventFeatures[k].accept(age, ageMillis, count, out);
        }
      }
    }
  }

  /**
   * The event pass's loop, also handing each event to {@code tap}: a loop of its own so that the
   * untapped loop (every model score) stays as it was.
   */
  private void tappedEventPass(EventColumns events, double asOfMillis, long asOfSecond, int asOfNano, double[] out,
      EventTap tap) {
    for (int i = 0, n = events.size(); i < n; i++) {
      int type = eventSlotsByType.indexOf(events.type(i));
      if (type < 0 || events.isAfter(i, asOfSecond, asOfNano)) {
        continue;
      }
      double ageMillis = events.ageMillis(i, asOfMillis);
      double age = EventColumns.toDays(ageMillis); // events.ageDays, as the untapped pass computes it
      int count = events.count(i);
      for (int k : eventSlotsByType.slotsAt(type)) {
        eventFeatures[k].accept(age, ageMillis, count, out);
      }
      tap.accept(type, age, count);
    }
  }

  /** Writes every feature, kind by kind (interactions last, after their parents). */
  private void writeByKind(Lead lead, Instant asOf, double[] out) {
    for (NumericKind.Compiled c : numerics) {
      c.write(lead, asOf, out);
    }
    for (BooleanKind.Compiled c : bools) {
      c.write(lead, asOf, out);
    }
    for (OrdinalKind.Compiled c : ordinals) {
      c.write(lead, asOf, out);
    }
    for (CategoricalKind.Compiled c : categoricals) {
      c.write(lead, asOf, out);
    }
    for (TitleSeniorityKind.Compiled c : titles) {
      c.write(lead, asOf, out);
    }
    for (EmailDomainKind.Compiled c : emails) {
      c.write(lead, asOf, out);
    }
    for (EventCountKind.Compiled c : counts) {
      c.write(lead, asOf, out);
    }
    for (RecencyKind.Compiled c : recencies) {
      c.write(lead, asOf, out);
    }
    for (InteractionKind.Compiled c : interactions) {
      c.write(lead, asOf, out);
    }
  }

  /** Extracts into a new array of length {@link #width()}. */
  public double[] extract(Lead lead, Instant asOf) {
    double[] out = new double[width];
    extract(lead, asOf, out);
    return out;
  }

  /**
   * The lead's value of a feature as a person reads it ("3", "VP, Sales", "free-mail"), or
   * {@code null} when the lead has none.
   *
   * @param row the lead's vector from {@link #extract} at the same {@code asOf}
   */
  public String displayValue(Lead lead, Instant asOf, int feature, double[] row) {
    return compiled[feature].display(lead, asOf, row);
  }

  /**
   * {@link #displayValue} of every feature at once, in feature order: one pass over the lead's
   * events serves all event features, where calling {@code displayValue} per feature rescans the
   * events each time. Allocates the returned array and the strings.
   *
   * @param row the lead's vector from {@link #extract} at the same {@code asOf}
   */
  public String[] displayValues(Lead lead, Instant asOf, double[] row) {
    String[] out = new String[compiled.length];
    double[] acc = new double[eventFeatures.length];
    for (int k = 0; k < acc.length; k++) {
      acc[k] = eventFeatures[k].displayStart();
    }
    if (acc.length > 0) {
      double asOfMillis = EventColumns.epochMillis(asOf);
      EventColumns events = EventColumns.copyOf(lead.events());
      for (int i = 0, n = events.size(); i < n; i++) {
        int[] slots = eventSlotsByType.slotsOf(events.type(i));
        if (slots == null || events.isAfter(i, asOf.getEpochSecond(), asOf.getNano())) {
          continue;
        }
        double age = events.ageDays(i, asOfMillis);
        for (int k : slots) {
          acc[k] = eventFeatures[k].displayAccept(acc[k], age, events.count(i));
        }
      }
    }
    for (int i = 0; i < compiled.length; i++) {
      out[i] = eventSlot[i] >= 0 ? eventFeatures[eventSlot[i]].displayOf(acc[eventSlot[i]])
          : compiled[i].display(lead, asOf, row);
    }
    return out;
  }

  /**
   * The feature's plain-English sentence for this lead: what its value is, from the feature's
   * {@link ReasonTemplates} (never which way it moved a score). Both scorers' reasons are worded
   * here. Cost: the feature's own value (an event feature scans the lead's events for its types).
   *
   * @param row the lead's vector from {@link #extract} at the same {@code asOf}
   */
  public String describe(Lead lead, Instant asOf, int feature, double[] row) {
    return compiled[feature].text(wordings[feature], lead, asOf, row);
  }

  /**
   * As {@link #describe(Lead, Instant, int, double[])} with other templates for the feature (a rule's
   * own wording), compiled for this call; {@code null} for the feature's own.
   */
  public String describe(Lead lead, Instant asOf, int feature, double[] row, ReasonTemplates templates) {
    if (templates == null) {
      return describe(lead, asOf, feature, row);
    }
    return compiled[feature].text(templates.compile(schema.features().get(feature).name()), lead, asOf, row);
  }

  /** {@code sha256:<hex>} over the schema and the fitted values. */
  public String fingerprint() {
    return fingerprint;
  }

  Map<String, FittedFeature> fitted() {
    return Collections.unmodifiableMap(fitted);
  }

  /** {@return the JSON form (schema, fitted values, fingerprint), pretty-printed} */
  public String toJson() {
    return SchemaJson.pretty(SchemaJson.writeFitted(this, true));
  }

  /**
   * Reads the form written by {@link #toJson()}.
   *
   * @throws SchemaException for a malformed document or when the stored fingerprint does not
   *     match the content
   */
  public static FittedSchema fromJson(String json) {
    return SchemaJson.readFitted(SchemaJson.parse(json, "fitted schema"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FittedSchema other && fingerprint.equals(other.fingerprint);
  }

  @Override
  public int hashCode() {
    return fingerprint.hashCode();
  }

  @Override
  public String toString() {
    return "FittedSchema[" + schema.name() + " v" + schema.version() + ", " + width + " columns, " + fingerprint + "]";
  }
}
