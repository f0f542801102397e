package dev.lithair.sample.iot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Without SPRING_SECURITY_USER_PASSWORD, the admin's generated password goes to a file only its owner can
 * read, not to the log (where Spring Boot would write it).
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminPasswordTest {

    @TempDir
    Path dataDir;

    @Test
    void theGeneratedAdminPasswordIsInAnOwnerOnlyFileAndNotInTheLog(CapturedOutput output) throws IOException {
        Path file = dataDir.resolve("admin-password");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(IotApplication.class)
                .run("--server.port=0", "--lithair.data-dir=" + dataDir, "--lithair.storage.fsync=never")) {
            ApiClient api = new ApiClient(((WebServerApplicationContext) app).getWebServer().getPort());
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();

            assertThat(Files.getPosixFilePermissions(file))
                    .isEqualTo(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);
            assertThat(output.getAll()).doesNotContain(password).doesNotContain("Using generated security password")
                    .contains(file.toString());
            assertThat(api.getAs("/lithair/admin/stats", "admin", password).status()).isEqualTo(200);
            assertThat(api.getAs("/lithair/admin/stats", "admin", "a guess").status()).isEqualTo(401);
        }
    }
}
