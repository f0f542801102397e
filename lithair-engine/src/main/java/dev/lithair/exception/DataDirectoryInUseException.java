package dev.lithair.exception;

import java.nio.file.Path;

/**
 * A store cannot open its data directory because another store holds it: another process, or another
 * store in this process. Nothing in the directory was changed. The holder is described as its lock
 * file records it (process id, host, since when).
 */
public class DataDirectoryInUseException extends IllegalStateException {

    /** The directory in use; not serialised, as {@link Path} is not serialisable. */
    private final transient Path directory;
    /** Who holds it, as its lock file says. */
    private final String holder;

    /**
     * Refuses to open a directory another store holds.
     *
     * @param directory the data directory
     * @param holder    who holds it, as its lock file says
     */
    public DataDirectoryInUseException(Path directory, String holder) {
        super("The data directory " + directory + " is in use by " + holder
                + ": only one store may open it at a time. Stop that store first, or use another data directory.");
        this.directory = directory;
        this.holder = holder;
    }

    /** {@return the directory that is in use} */
    public Path directory() {
        return directory;
    }

    /** {@return who holds it, as its lock file says: e.g. {@code process 4242 on host web-1 (since 2026-12-06T10:15:00Z)}} */
    public String holder() {
        return holder;
    }
}
