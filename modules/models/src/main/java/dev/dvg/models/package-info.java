/**
 * Engine-neutral model specs and the David side of building them.
 *
 * <ul>
 *   <li>{@link dev.dvg.models.ModelSpec} — id, description, {@link dev.dvg.models.DataRecipe}
 *       (data set, transform, target encoding), the architecture as the engine's
 *       {@code NetworkSpec}, the default {@code OptimizerSpec}, {@link dev.dvg.models.TrainingSpec}
 *       (sampling, batch size, steps or epochs) and the seed; validated in compact constructors.</li>
 *   <li>{@link dev.dvg.models.SpecJson} — the JSON round trip (type discriminators for the sealed
 *       spec interfaces via Jackson mix-ins; errors name the source and the field).</li>
 *   <li>{@link dev.dvg.models.ReferenceModels} — the six reference models (defaults and the seed
 *       recipes' schedules); {@link dev.dvg.models.L2Convention} — other L2 conventions → ours.</li>
 *   <li>{@link dev.dvg.models.David} — spec → engine Network / Optimizer / Trainer, and batches
 *       wrapped as MiniBatches without copying; {@link dev.dvg.models.ModelData} — a recipe made
 *       concrete: transformed sets, targets and the seeded batch stream both engines consume.</li>
 * </ul>
 * The DL4J twin of a spec is built in the {@code dl4j} module from the same records.
 */
package dev.dvg.models;
