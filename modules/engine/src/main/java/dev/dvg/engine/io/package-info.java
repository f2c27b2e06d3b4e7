/**
 * Saving and loading trained networks: {@link dev.dvg.engine.io.ModelFile} (versioned binary file
 * with a checksum, written atomically) and {@link dev.dvg.engine.io.SpecText} (the strict text
 * encoding of a {@link dev.dvg.engine.spec.NetworkSpec} stored inside it).
 */
package dev.dvg.engine.io;
