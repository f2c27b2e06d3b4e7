package dev.dvg.data.fetch;

/** The four files of an MNIST-family data set, with their canonical (uncompressed) file names. */
public enum FileRole {
    TRAIN_IMAGES("train-images-idx3-ubyte"),
    TRAIN_LABELS("train-labels-idx1-ubyte"),
    TEST_IMAGES("t10k-images-idx3-ubyte"),
    TEST_LABELS("t10k-labels-idx1-ubyte");

    private final String fileName;

    FileRole(String fileName) {
        this.fileName = fileName;
    }

    /** Canonical uncompressed file name, e.g. {@code train-images-idx3-ubyte}. */
    public String fileName() {
        return fileName;
    }
}
