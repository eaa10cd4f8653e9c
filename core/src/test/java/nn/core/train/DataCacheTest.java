package nn.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import nn.core.BadInputException;
import nn.core.config.Loc;
import nn.core.data.Dataset;
import nn.core.data.SourceSpec;
import org.junit.jupiter.api.Test;

/** Sources read once per process, whoever asks first, and shared; errors shared too; streamed sources not kept. */
class DataCacheTest {
    private static SourceSpec csv(String file, boolean stream) {
        return new SourceSpec("data.train", new Loc("c.yaml", 3, 10), null, Path.of(file), false, List.of(), List.of(), "label", ',', null, 1, stream);
    }

    private static Dataset rows() {
        return new Dataset("x", new double[] {1, 2}, new double[] {0, 1}, 2, 1, 1, List.of("a"), List.of("t"), null);
    }

    @Test
    void equalSourcesAreReadOnceEvenWhenAskedForAtOnce() throws Exception {
        DataCache cache = new DataCache();
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch inside = new CountDownLatch(1), release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Dataset> a = pool.submit(() -> cache.get(csv("d.csv", false), -1, 1, null, false, () -> {
                reads.incrementAndGet();
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return rows();
            }));
            inside.await();
            Future<Dataset> b = pool.submit(() -> cache.get(csv("d.csv", false), -1, 1, null, false, () -> {
                reads.incrementAndGet();
                return rows();
            }));
            release.countDown();
            assertSame(a.get(), b.get());
            assertEquals(1, reads.get());
        } finally {
            pool.shutdownNow();
        }
        // another file, other widths, other classes or narrow: another read each
        cache.get(csv("e.csv", false), -1, 1, null, false, DataCacheTest::rows);
        cache.get(csv("d.csv", false), 2, 1, null, false, DataCacheTest::rows);
        cache.get(csv("d.csv", false), -1, 1, List.of("a", "b"), false, DataCacheTest::rows);
        cache.get(csv("d.csv", false), -1, 1, null, true, DataCacheTest::rows);
        assertEquals(5, cache.size());
    }

    @Test
    void aSourceThatFailsFailsEveryRunWithoutBeingReadAgain() {
        DataCache cache = new DataCache();
        AtomicInteger reads = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            BadInputException e = assertThrows(BadInputException.class, () -> cache.get(csv("d.csv", false), -1, 1, null, false, () -> {
                reads.incrementAndGet();
                throw new BadInputException("d.csv:2: oops");
            }));
            assertEquals("d.csv:2: oops", e.getMessage());
        }
        assertEquals(1, reads.get());
    }

    @Test
    void streamedSourcesAreReadByEachRun() {
        DataCache cache = new DataCache();
        AtomicInteger reads = new AtomicInteger();
        for (int i = 0; i < 2; i++) cache.get(csv("d.csv", true), -1, 1, null, false, () -> {
            reads.incrementAndGet();
            return rows();
        });
        assertEquals(2, reads.get());
        assertEquals(0, cache.size());
    }
}
