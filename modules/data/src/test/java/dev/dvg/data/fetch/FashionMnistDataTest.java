package dev.dvg.data.fetch;

import dev.dvg.data.LabeledData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Fashion-MNIST from local sources only (cache, data dir, Debian package dir): the default suite does
 * not download it; skipped with the catalog's reasons when it is not present ({@code dvg data fetch
 * fashion-mnist} provides it).
 */
@Tag("mnist")
class FashionMnistDataTest {
    @Test
    void shapesBalancedClassesAndChecksums() throws IOException {
        DataCatalog local = new DataCatalog(DataConfig.fromEnvironment().withRemote(false));
        DatasetInfo info = local.info().get(1);
        assumeTrue(info.available(), () -> "Fashion-MNIST not available locally: " + info.problems());
        FetchResult r = local.fetch(DatasetId.FASHION_MNIST);
        assertEquals("8181f5470baa50b63fa0f6fddb340f0a", r.file(FileRole.TEST_IMAGES).md5());
        LabeledData train = local.loadTrain(DatasetId.FASHION_MNIST);
        LabeledData test = local.loadTest(DatasetId.FASHION_MNIST);
        assertEquals(60_000, train.n());
        assertEquals(10_000, test.n());
        assertArrayEquals(new int[] {1, 28, 28}, test.featureShape());
        for (int k = 0; k < 10; k++) {
            assertEquals(6000, train.classCounts()[k]);
            assertEquals(1000, test.classCounts()[k]);
        }
        assertEquals(9, train.labels()[0], "first training item is an ankle boot");
    }
}
