package dev.leadscore.core.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.Lead;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything one feature kind does besides holding its declaration, bound to one declared feature:
 * its JSON fields, what fitting learns, its compiled (extracting) form, its column names and what
 * it offers rules and explanations. One subclass per kind, in its own file ({@code NumericKind},
 * ...), which also holds the kind's compiled class and its JSON reader; the record's
 * {@link KindHook#machinery()} makes one. The abstract methods are the parts a kind must supply,
 * so a kind that forgets one fails to compile. Never used per lead: only the compiled form is.
 */
abstract class FeatureKind {
  /** The declared feature this is bound to. */
  final FeatureSpec spec;

  FeatureKind(FeatureSpec spec) {
    this.spec = spec;
  }

  /**
   * Writes the kind's own JSON fields, after the common ones, in the fixed order that makes the
   * compact form canonical (changing it changes every fingerprint).
   */
  abstract void writeJson(ObjectNode o);

  /**
   * What fitting learns from the training rows, or {@code null} when the kind learns nothing.
   *
   * @throws dev.leadscore.core.LeadDataException for a value that cannot be read
   */
  abstract FittedFeature fit(List<Lead> leads);

  /**
   * As {@link #fit(List)}, where a numeric feature without a declared basis may learn an
   * automatic one of {@code autoKnots} knots (0: none); other kinds ignore it.
   */
  FittedFeature fit(List<Lead> leads, int autoKnots) {
    return fit(leads);
  }

  /**
   * The extracting form at column {@code offset}.
   *
   * @param fitted what fitting learned ({@code null} when nothing was stored)
   * @param columnIndex the columns of the features before this one, by name
   * @throws SchemaException when the fitted form lacks what the kind needs
   */
  abstract CompiledFeature compile(int offset, FittedFeature fitted, Map<String, Integer> columnIndex);

  /**
   * The columns from {@code offset}, as many as the compiled form's width.
   *
   * @param fitted what fitting learned, or {@code null} for the columns that exist whatever it learns
   */
  abstract List<Column> columns(int offset, FittedFeature fitted);

  /** What rules and explanations can do with this feature. */
  abstract FeatureOffers offers();

  /** Column names the feature produces whatever the data; used to check interaction parents. */
  List<String> declaredColumnNames() {
    List<String> names = new ArrayList<>();
    for (Column c : columns(0, null)) {
      names.add(c.name());
    }
    return names;
  }

  /** The names of the columns this feature multiplies (left, then right), or none. */
  List<String> parentColumns() {
    return List.of();
  }

  /** Whether fitting learns the levels of this feature, so its level columns are unknown until then. */
  boolean learnsLevels() {
    return false;
  }

  // ---------------------------------------------------------------- shared column shapes

  /** A value column and, when {@code missingFlag}, its {@code _missing} flag. */
  final List<Column> valueColumns(int offset, boolean missingFlag) {
    String n = spec.name();
    List<Column> out = new ArrayList<>(2);
    out.add(new Column(offset, n, n, spec.family(), Column.Role.VALUE, null));
    if (missingFlag) {
      out.add(new Column(offset + 1, n + "_missing", n, spec.family(), Column.Role.MISSING_FLAG, null));
    }
    return out;
  }

  /** One level column per constant of a fixed set of levels, named by its lower-case name. */
  final List<Column> fixedLevelColumns(int offset, Enum<?>[] levels) {
    List<String> names = new ArrayList<>(levels.length);
    for (Enum<?> level : levels) {
      names.add(level.name().toLowerCase(Locale.ROOT));
    }
    List<Column> out = new ArrayList<>();
    levelColumns(offset, names, out);
    return out;
  }

  /** One {@code <name>=<level>} column per level, appended to {@code out} from {@code offset + out.size()}. */
  final void levelColumns(int offset, Iterable<String> levels, List<Column> out) {
    String n = spec.name();
    for (String l : levels) {
      out.add(new Column(offset + out.size(), n + "=" + l, n, spec.family(), Column.Role.LEVEL, l));
    }
  }

  /** The fitted imputation value, which the compiled form needs. */
  final double imputeOf(FittedFeature fitted) {
    if (fitted == null || !fitted.hasImpute() || !Double.isFinite(fitted.impute())) {
      throw SchemaException.of(spec.name(), "fitted form has no finite imputation value");
    }
    return fitted.impute();
  }
}
