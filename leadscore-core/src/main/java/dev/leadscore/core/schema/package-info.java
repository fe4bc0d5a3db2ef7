/**
 * The declarative feature schema: which raw lead signals are read and how each becomes numeric
 * columns, fitted on training leads and then extracting a lead's vector.
 *
 * <ul>
 *   <li>{@link dev.leadscore.core.schema.FeatureSchema}: the declared contract (JSON in and out,
 *       fingerprinted); {@link dev.leadscore.core.schema.FeatureSchema#fit fit} learns
 *       imputation values and category levels from training leads.
 *   <li>{@link dev.leadscore.core.schema.FittedSchema}: the fitted form; it extracts vectors,
 *       names their {@link dev.leadscore.core.schema.Column}s and shows a feature's value as a
 *       person reads it.
 *   <li>{@link dev.leadscore.core.schema.FeatureSpec}: one declared feature, one of nine kinds
 *       (records such as {@link dev.leadscore.core.schema.NumericFeature}) with its
 *       {@link dev.leadscore.core.schema.FeatureInfo}; what it offers rules and explanations is
 *       {@link dev.leadscore.core.schema.FeatureSpec#offers()}.
 * </ul>
 *
 * <p>Every public type is immutable and safe to share between threads (a fitted schema's text
 * memos are thread-safe caches); machinery is package-private.
 *
 * <h2>Where a feature kind lives</h2>
 *
 * <p>Each kind has two files: its public record ({@code NumericFeature}: the declaration,
 * validated on construction, which is all a host sees) and its package-private kind class
 * ({@code NumericKind}, extending {@code FeatureKind}): its JSON reader and writer, what fitting
 * learns, its compiled extracting form (a nested {@code Compiled} class, which also gives the
 * display value), its column names, and its {@link dev.leadscore.core.schema.FeatureOffers} for
 * rules and explanations. The record supplies its kind through one hook,
 * {@code machinery()}, declared by the package-private interface {@code KindHook} that
 * {@code FeatureSpec} extends: a record without it does not compile, and a kind class that
 * leaves out one of {@code FeatureKind}'s abstract parts does not compile either. Callers reach
 * a kind by virtual dispatch on that object, never by testing the record's class.
 *
 * <p>Adding a kind therefore means: the record and its kind class, the record in
 * {@code FeatureSpec}'s {@code permits}, a row in {@code SchemaJson}'s kind table (JSON name,
 * fields, reader), and its compiled class in {@code FittedSchema}'s per-kind write arrays. That
 * last one is the price of the hot path: extraction writes each kind from an array of its own
 * compiled class so every call site sees one class and the JIT inlines it; a compiled class
 * missing there fails {@code FittedSchema}'s constructor for any schema using the kind.
 *
 * <p>Why this shape. Java 17 is the floor, so no pattern-matching switch over the sealed
 * records. Methods on the records themselves would be public (records only implement interfaces)
 * and would pull Jackson, fitting and extraction into the public types; a visitor would still
 * leave each kind spread over every visitor. A kind class per kind keeps the records plain and
 * each kind in one file, and the one hook is hidden: its return type is package-private and it
 * is tagged {@code @hidden}. The per-kind object is made on demand (records cannot cache
 * it) at compile, fit and JSON time only; per lead, only the compiled forms run, as before.
 */
package dev.leadscore.core.schema;
