package dev.dvg.sweeps;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.dvg.runner.ResultFiles;

import java.io.IOException;
import java.nio.file.Path;

/** The sweep's JSON mapper, and its atomic writes through the runner's {@link ResultFiles}. */
final class SweepFiles {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private SweepFiles() {
    }

    static void writeJson(Path file, Object value) throws IOException {
        ResultFiles.writeJson(file, value);
    }

    static void writeText(Path file, String text) throws IOException {
        ResultFiles.writeText(file, text);
    }

    static void move(Path from, Path to) throws IOException {
        ResultFiles.move(from, to);
    }
}
