package dev.lithair.exception;

/**
 * A backup or a restore that did not happen: its target is not empty, its source is not what it must be,
 * or the backup cannot give the point asked for. Nothing was written: a target the refused operation
 * had begun to fill was emptied again (and removed when it created it).
 */
public class BackupRefusedException extends RuntimeException {

    /** Why the operation was refused. */
    public enum Reason {
        /** The target folder exists and holds files: a backup or restore never overwrites anything. */
        TARGET_NOT_EMPTY,
        /** The source of a backup holds no Lithair data. */
        NOT_A_DATA_DIRECTORY,
        /** The source of a restore has no complete manifest: a backup still being written, or one that failed. */
        NOT_A_BACKUP,
        /** The backup does not reach the restore point asked for. */
        UNREACHABLE_POINT,
        /** The source is damaged where the operation needs it: a snapshot, a record or the manifest. */
        DAMAGED
    }

    /** Why the operation was refused. */
    private final Reason reason;

    /**
     * Refuses a backup or a restore.
     *
     * @param reason  why it was refused
     * @param message what was refused and how to proceed
     */
    public BackupRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** {@return why the operation was refused} */
    public Reason reason() {
        return reason;
    }
}
