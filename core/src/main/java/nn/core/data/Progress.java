package nn.core.data;

/** How far a long read has got, for a display ({@code nn train} draws a bar on a terminal); {@link #NONE} shows nothing. */
public interface Progress {
    /** Reads of at least this many bytes are shown. */
    long SHOWN_FROM = 32L << 20;

    Progress NONE = (name, total) -> Task.NONE;

    /** Starts a task of total units (bytes), -1 when the total is not known. */
    Task start(String name, long total);

    /** One read under way. */
    interface Task extends AutoCloseable {
        Task NONE = new Task() {
            @Override public void add(long units) {}

            @Override public void close() {}
        };

        /** units more are done; may be called from several threads. */
        void add(long units);

        @Override
        void close();
    }
}
