package dev.leadscore.core.schema;

/**
 * The one hook every feature record implements: its kind's machinery, bound to it. Package-private,
 * and {@link FeatureSpec} extends it, so a new record that does not supply its kind fails to
 * compile. See the package documentation for why the machinery lives outside the records.
 */
interface KindHook {
  /**
   * A new {@link FeatureKind} bound to this feature (cheap: one small object; never called per lead).
   *
   * @hidden machinery, not part of the API
   */
  FeatureKind machinery();
}
