/**
 * A file-system model registry: {@link dev.leadscore.model.registry.ModelRegistry} keeps immutable,
 * content-addressed model versions ({@link dev.leadscore.model.registry.ModelVersion}) in one
 * directory, promotes one to active, rolls back through the activation history, and loads the
 * active model with its checksum and the host's schema checked. All writes are atomic (temporary
 * file, {@code force}, atomic rename), so a crash never leaves a half-written or lost model and
 * concurrent readers always see complete files. Problems are reported as {@link
 * dev.leadscore.model.registry.RegistryException}s naming the file.
 */
package dev.leadscore.model.registry;
