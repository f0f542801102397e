package dev.lithair.sample.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.lithair.sample.product.catalog.ProductRepository;
import dev.lithair.sample.product.user.UserAccountRepository;

/** The dashboard in a real (headless) browser: live numbers from the change stream, and the price chart. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "sample.admin.password=" + SampleUsers.ADMIN_PASSWORD, "lithair.storage.fsync=never" })
class DashboardBrowserTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("lithair.data-dir", () -> dataDir.toString());
    }

    @TempDir
    Path profile;

    @LocalServerPort
    int port;

    @Autowired
    ProductRepository products;

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder passwordEncoder;

    ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        SampleUsers.ensureStaffAndCustomer(users, passwordEncoder);
        browser = HeadlessChromium.start(profile);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    @Test
    void theDashboardsNumbersAndPriceChartFollowTheWrites() throws IOException {
        ApiClient employee = new ApiClient(port).as(SampleUsers.EMPLOYEE, SampleUsers.PASSWORD);
        String id = employee.post("/api/products", "{\"name\":\"Desk lamp\",\"category\":\"lighting\",\"price\":39.90}")
                .json().get("id").asString();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.textToBe(By.id("connection"), "live"));
        wait.until(ExpectedConditions.textToBe(By.id("products"), "1"));
        String usersBefore = text("users");
        employee.post("/api/products", "{\"name\":\"Chair\",\"category\":\"seating\",\"price\":120}");
        employee.put("/api/products/" + id, "{\"name\":\"Desk lamp\",\"category\":\"lighting\",\"price\":34.90,"
                + "\"version\":0}");

        wait.until(ExpectedConditions.textToBe(By.id("products"), "2"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("changes"), "updated Desk lamp"));
        assertThat(text("users")).isEqualTo(usersBefore);
        assertThat(Long.parseLong(text("events-seen").replace(",", ""))).isGreaterThanOrEqualTo(2);
        assertThat(browser.findElement(By.id("product")).getAttribute("value")).isEqualTo(id);
        assertThat(browser.findElements(By.cssSelector("#price-chart canvas"))).isNotEmpty();
        assertThat(products.count()).isEqualTo(2);

        Path screenshot = Path.of("target", "dashboard.png");
        Files.createDirectories(screenshot.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(screenshot)).isPositive();
    }
}
