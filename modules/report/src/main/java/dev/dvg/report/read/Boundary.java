package dev.dvg.report.read;

import java.util.List;

/**
 * {@code <engine>-seed<S>-boundary.json}: P(class 1) on an nx×ny grid (row-major, first row at
 * {@code yMin}) and the points drawn over it.
 */
public record Boundary(double xMin, double xMax, double yMin, double yMax, int nx, int ny, double[] probabilities,
                       List<Point> points) {
    public Boundary {
        points = List.copyOf(points);
    }

    public double probability(int ix, int iy) {
        return probabilities[iy * nx + ix];
    }

    public record Point(double x, double y, int label) {
    }
}
