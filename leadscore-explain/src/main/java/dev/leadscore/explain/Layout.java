package dev.leadscore.explain;

import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FeatureSpec;
import dev.leadscore.core.schema.FittedSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * How the columns of a fitted schema map to the players of a Shapley game: every feature that is
 * not an interaction is one player owning all its columns (one-hot levels, value and missing flag,
 * basis columns); every interaction column is a product of two parent columns, each owned by a
 * player. Resolved once per schema; immutable after construction and safe to share between threads.
 */
final class Layout {
  /** Player names (schema feature names), in schema order. */
  final String[] names;
  /** Player families. */
  final String[] families;
  /** Each player's index in {@code FeatureSchema#features()}, for rendering. */
  final int[] schemaFeature;
  /** Each column's player, or -1 for an interaction column. */
  final int[] playerOf;
  /** For an interaction column its left parent column, else -1. */
  final int[] left;
  /** For an interaction column its right parent column, else -1. */
  final int[] right;
  final int width;

  private Layout(FittedSchema schema) {
    List<FeatureSpec> specs = schema.schema().features();
    List<String> n = new ArrayList<>();
    List<String> fam = new ArrayList<>();
    List<Integer> idx = new ArrayList<>();
    int[] playerOfFeature = new int[specs.size()];
    for (int f = 0; f < specs.size(); f++) {
      FeatureSpec spec = specs.get(f);
      if (spec.offers().splitBetweenParents()) {
        playerOfFeature[f] = -1;
        continue;
      }
      playerOfFeature[f] = n.size();
      n.add(spec.name());
      fam.add(spec.family());
      idx.add(f);
    }
    this.names = n.toArray(new String[0]);
    this.families = fam.toArray(new String[0]);
    this.schemaFeature = idx.stream().mapToInt(Integer::intValue).toArray();
    this.width = schema.width();
    this.playerOf = new int[width];
    this.left = new int[width];
    this.right = new int[width];
    List<Column> columns = schema.columns();
    for (Column c : columns) {
      int j = c.index();
      left[j] = -1;
      right[j] = -1;
      if (c.role() == Column.Role.INTERACTION) {
        playerOf[j] = -1;
        int a = schema.productLeft(j);
        int b = schema.productRight(j);
        for (int parent : new int[] {a, b}) {
          if (columns.get(parent).role() == Column.Role.INTERACTION) {
            throw new IllegalArgumentException("interaction '" + c.feature() + "' has the interaction column '"
                + columns.get(parent).name() + "' as a parent; exact linear SHAP splits a product of two"
                + " feature columns only, so declare the three-way product from feature columns instead");
          }
        }
        left[j] = a;
        right[j] = b;
      } else {
        playerOf[j] = playerOfFeature[schema.featureIndex(c.feature())];
      }
    }
  }

  static Layout of(FittedSchema schema) {
    return new Layout(schema);
  }

  int players() {
    return names.length;
  }

  boolean isInteraction(int column) {
    return left[column] >= 0;
  }
}
