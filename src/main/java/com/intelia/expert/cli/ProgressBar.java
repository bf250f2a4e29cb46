package com.intelia.expert.cli;

import com.intelia.expert.backup.TableCopier;

import java.io.PrintStream;

/** A one-line progress bar on a terminal stream, redrawn at most a few times per second. */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintStream out;
    private final String label;
    private final long total;
    private long done;
    private long lastDraw;

    public ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(total, 0);
    }

    /** One bar per table, drawn as a backup or restore reports its rows. */
    public static TableCopier.Progress perTable(PrintStream out) {
        return new TableCopier.Progress() {
            private ProgressBar bar;

            @Override
            public void start(String table, long expectedRows) {
                bar = new ProgressBar(out, table, expectedRows);
            }

            @Override
            public void row() {
                bar.step();
            }

            @Override
            public void finish() {
                bar.finish();
            }
        };
    }

    public void step() {
        done++;
        long now = System.nanoTime();
        if (now - lastDraw > REDRAW_NANOS) {
            lastDraw = now;
            draw();
        }
    }

    public void finish() {
        draw();
        out.println();
    }

    private void draw() {
        double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        out.printf("\r%-22s [%s%s] %3d%% %,d/%,d rows", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                Math.round(fraction * 100), done, total);
        out.flush();
    }
}
