package dev.dvg.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C / SIGTERM for long commands: the JVM's shutdown hook asks the work to stop and waits (up
 * to a bound) until the command has flushed what finished; {@link #close} removes the hook when the
 * work ends normally.
 */
final class StopHook implements AutoCloseable {

    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    private StopHook(Runnable requestStop, int waitSeconds, String name) {
        this.hook = new Thread(() -> {
            requestStop.run();
            try {
                done.await(waitSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    static StopHook install(Runnable requestStop, int waitSeconds, String name) {
        return new StopHook(requestStop, waitSeconds, name);
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook is running and waits for us
        }
    }
}
