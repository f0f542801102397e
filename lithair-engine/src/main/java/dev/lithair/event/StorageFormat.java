package dev.lithair.event;

/**
 * How records and snapshots are serialised. Each record carries its format's marker byte, so a log
 * written in one format stays readable after the configuration switches to the other.
 */
public enum StorageFormat {
    /** Plain JSON: readable with any tool. */
    JSON((byte) 'J'),
    /** Jackson Smile: the same data model as JSON, smaller and faster to write and read. */
    BINARY((byte) 'S');

    private final byte marker;

    StorageFormat(byte marker) {
        this.marker = marker;
    }

    /** {@return the byte that marks this format in the store's files} */
    public byte marker() {
        return marker;
    }

    /**
     * The format a file's marker byte names.
     *
     * @param marker the marker byte
     * @return the format
     * @throws IllegalArgumentException when no format has that marker
     */
    public static StorageFormat ofMarker(byte marker) {
        for (StorageFormat format : values()) {
            if (format.marker == marker) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown storage format marker 0x" + Integer.toHexString(marker & 0xff));
    }
}
