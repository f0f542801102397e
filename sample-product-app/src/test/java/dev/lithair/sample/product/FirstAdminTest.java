package dev.lithair.sample.product;

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

import dev.lithair.sample.product.user.Role;
import dev.lithair.sample.product.user.UserAccountRepository;

/**
 * Without a configured password, the first start generates one and writes it to a file only its owner can
 * read, in the data directory; the log says where, never what. Only its hash is stored.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstAdminTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(String... more) {
        String[] args = new String[3 + more.length];
        args[0] = "--server.port=0";
        args[1] = "--lithair.data-dir=" + dataDir;
        args[2] = "--lithair.storage.fsync=never";
        System.arraycopy(more, 0, args, 3, more.length);
        return new SpringApplicationBuilder(ProductApplication.class).run(args);
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Test
    void theGeneratedPasswordGoesToAFileOnlyItsOwnerReadsAndNeverToTheLog(CapturedOutput output)
            throws IOException {
        Path file = dataDir.resolve("first-admin-password");
        String password;
        try (ConfigurableApplicationContext first = start()) {
            assertThat(Files.getPosixFilePermissions(file))
                    .isEqualTo(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            password = Files.readString(file, StandardCharsets.UTF_8).strip();
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);
            assertThat(output.getAll()).doesNotContain(password).contains(file.toString());
            UserAccountRepository users = first.getBean(UserAccountRepository.class);
            assertThat(users.countByRole(Role.ADMIN)).isEqualTo(1);
            assertThat(users.findByUsername("admin").orElseThrow().passwordHash()).doesNotContain(password);
        }
        assertThat(dataDir.toFile().list()).as("no temporary file left")
                .noneMatch(name -> name.endsWith(".tmp"));

        try (ConfigurableApplicationContext second = start()) {
            String login = "{\"username\":\"admin\",\"password\":\"" + password + "\"}";

            assertThat(client(second).post("/auth/login", login).status()).isEqualTo(200);
            assertThat(second.getBean(UserAccountRepository.class).countByRole(Role.ADMIN)).isEqualTo(1);
            assertThat(Files.readString(file, StandardCharsets.UTF_8).strip())
                    .as("written at the first start only").isEqualTo(password);
        }
        assertThat(output.getAll()).doesNotContain(password);
    }

    @Test
    void theFileGoesWherePasswordFileSaysAndAStaleOneIsReplacedWhole(CapturedOutput output) throws IOException {
        Path file = dataDir.resolve("secrets").resolve("admin.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "a stale password from an earlier data directory\n");

        try (ConfigurableApplicationContext first = start("--sample.admin.password-file=" + file)) {
            String password = Files.readString(file, StandardCharsets.UTF_8);

            assertThat(password).doesNotContain("stale").endsWith("\n");
            assertThat(Files.getPosixFilePermissions(file))
                    .isEqualTo(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            assertThat(output.getAll()).doesNotContain(password.strip());
            assertThat(Files.exists(dataDir.resolve("first-admin-password"))).isFalse();
        }
    }
}
