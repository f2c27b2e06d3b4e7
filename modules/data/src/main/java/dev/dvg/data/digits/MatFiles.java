package dev.dvg.data.digits;

import dev.dvg.data.DataFormatException;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;

import java.nio.file.Path;

/** Small helpers over mfl-core with messages that name the file and variable. */
final class MatFiles {
    private MatFiles() {
    }

    static Matrix matrix(MatFile file, Path path, String name) throws DataFormatException {
        try {
            Matrix m = file.getMatrix(name);
            if (m.isComplex()) {
                throw new DataFormatException(path, "variable '" + name + "' is complex, expected real");
            }
            return m;
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new DataFormatException(path, "has no numeric matrix variable '" + name + "' (" + e.getMessage() + ")", e);
        }
    }

    /** A numeric matrix of exactly rows×cols as double[rows][cols]. */
    static double[][] doubles(MatFile file, Path path, String name, int rows, int cols) throws DataFormatException {
        Matrix m = matrix(file, path, name);
        if (m.getNumDimensions() != 2 || m.getNumRows() != rows || m.getNumCols() != cols) {
            throw new DataFormatException(path, "variable '" + name + "' is " + m.getNumRows() + "x" + m.getNumCols()
                    + ", expected " + rows + "x" + cols);
        }
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = m.getDouble(r, c);
                if (!Double.isFinite(v)) {
                    throw new DataFormatException(path, "variable '" + name + "'(" + (r + 1) + "," + (c + 1) + ") is " + v);
                }
                out[r][c] = v;
            }
        }
        return out;
    }
}
