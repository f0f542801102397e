package dev.lithair.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestDirectoriesTest {

    @TempDir
    Path parent;

    @Test
    void deletesADirectoryWithEverythingUnderIt() throws Exception {
        // given
        Path directory = TestDirectories.create(parent, "tree-");
        Files.createDirectories(directory.resolve("a/b"));
        Files.write(directory.resolve("a/b/file.bin"), new byte[100]);
        Files.write(directory.resolve("top.bin"), new byte[20]);

        // when
        long size = TestDirectories.size(directory);
        TestDirectories.deleteRecursively(directory);

        // then
        assertThat(size).isEqualTo(120);
        assertThat(directory).doesNotExist();
        assertThat(parent).exists();
    }

    @Test
    void leavesAMissingPathAsItIs() {
        TestDirectories.deleteRecursively(parent.resolve("never-created"));

        assertThat(parent.resolve("never-created")).doesNotExist();
    }
}
