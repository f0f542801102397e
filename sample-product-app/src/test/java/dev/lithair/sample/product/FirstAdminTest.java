package dev.lithair.sample.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

/** Without a configured password, the first start generates one, logs it once, and stores only its hash. */
@ExtendWith(OutputCaptureExtension.class)
class FirstAdminTest {

    private static final Pattern GENERATED = Pattern.compile("generated password: (\\S+)");

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ProductApplication.class).run("--server.port=0",
                "--lithair.data-dir=" + dataDir, "--lithair.storage.fsync=never");
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Test
    void theGeneratedPasswordIsLoggedAtTheFirstStartOnlyAndWorksAfterARestart(CapturedOutput output) {
        String password;
        try (ConfigurableApplicationContext first = start()) {
            Matcher generated = GENERATED.matcher(output.getOut());
            assertThat(generated.find()).as("the first start logs a generated password").isTrue();
            password = generated.group(1);
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);
            UserAccountRepository users = first.getBean(UserAccountRepository.class);
            assertThat(users.countByRole(Role.ADMIN)).isEqualTo(1);
            assertThat(users.findById("admin").orElseThrow().passwordHash()).doesNotContain(password);
        }
        int logged = output.getOut().length();

        try (ConfigurableApplicationContext second = start()) {
            String login = "{\"username\":\"admin\",\"password\":\"" + password + "\"}";

            assertThat(output.getOut().substring(logged)).doesNotContain("generated password");
            assertThat(client(second).post("/auth/login", login).status()).isEqualTo(200);
            assertThat(second.getBean(UserAccountRepository.class).countByRole(Role.ADMIN)).isEqualTo(1);
        }
    }
}
