package dev.lithair.internal.backup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.lithair.store.StoreMeta;

class BackupFilesTest {

    @Test
    void theMetadataFileBackupsCopyIsTheOneTheStoreWrites() {
        assertThat(BackupFiles.META_FILE_NAME).isEqualTo(StoreMeta.FILE_NAME);
    }
}
