package dev.lithair.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallDiskTest {

    @TempDir
    Path directory;

    @Test
    void namesTheFilesThisProcessHoldsOpenUnderADirectory() throws Exception {
        // given
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux's /proc");
        Path leaked = Files.write(directory.resolve("leaked.log"), new byte[10]);
        Files.write(directory.resolve("closed.log"), new byte[10]);

        // when
        try (InputStream open = Files.newInputStream(leaked)) {

            // then
            assertThat(SmallDisk.heldOpenUnder(directory)).singleElement().asString()
                    .startsWith("fd ").endsWith(" -> " + leaked.toAbsolutePath());
        }
        assertThat(SmallDisk.heldOpenUnder(directory)).isEmpty();
    }

    @Test
    void failsToUnmountADiskStillInUseAndNamesTheOpenFile() throws Exception {
        // given
        SmallDisk disk = SmallDisk.mount(directory.resolve("disk"), "1m");
        Path leaked = Files.write(disk.path().resolve("leaked.log"), new byte[10]);

        // when
        try (InputStream open = Files.newInputStream(leaked)) {

            // then
            assertThatThrownBy(disk::close).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("busy").hasMessageContaining(" -> " + leaked.toAbsolutePath());
        }
    }
}
