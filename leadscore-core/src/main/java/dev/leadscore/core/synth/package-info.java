/**
 * Synthetic lead pipelines for demos, benchmarks and host-application tests.
 *
 * <p>{@link dev.leadscore.core.synth.SyntheticPipeline} generates, from a seed, B2B leads with
 * messy CRM attributes and activity events, each with a hidden ground-truth conversion
 * probability and a label drawn from it, returned as {@link dev.leadscore.core.synth.SyntheticData}.
 * {@link dev.leadscore.core.synth.SyntheticPipeline#defaultSchema()} is the feature schema that
 * reads all 33 generated signals, loaded from the JSON resource
 * {@code dev/leadscore/core/synth/default-schema.json}, which is also a worked example of the
 * schema format.
 *
 * <p>Generation is deterministic (same options, equal data, on every JVM), never reads the clock
 * and keeps no global state; every public type here is immutable and safe to share between
 * threads.
 */
package dev.leadscore.core.synth;
