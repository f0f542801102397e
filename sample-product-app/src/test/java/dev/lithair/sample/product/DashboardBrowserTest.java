package dev.lithair.sample.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.lithair.sample.product.catalog.ProductRepository;
import dev.lithair.sample.product.user.UserAccountRepository;

/** The dashboard in a real (headless) browser: live numbers from the change stream, and the price chart. */
class DashboardBrowserTest extends SampleApplicationTest {

    @TempDir
    Path profile;

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

    private long number(String id) {
        String text = text(id).replace(",", "");
        return text.matches("\\d+") ? Long.parseLong(text) : -1;
    }

    @Test
    void theDashboardsNumbersAndPriceChartFollowTheWrites() throws IOException {
        ApiClient employee = new ApiClient(port).as(SampleUsers.EMPLOYEE, SampleUsers.PASSWORD);
        String name = "Desk lamp " + UUID.randomUUID().toString().substring(0, 8);
        String id = employee.post("/api/products", "{\"name\":\"" + name + "\",\"category\":\"lighting\",\"price\":39.90}")
                .json().get("id").asString();
        long productsBefore = products.count();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.textToBe(By.id("connection"), "live"));
        wait.until(page -> number("products") == productsBefore);
        new Select(browser.findElement(By.id("product"))).selectByValue(id);
        String usersBefore = text("users");
        employee.post("/api/products", "{\"name\":\"Chair\",\"category\":\"seating\",\"price\":120}");
        employee.put("/api/products/" + id, "{\"name\":\"" + name + "\",\"category\":\"lighting\",\"price\":34.90,"
                + "\"version\":0}");

        wait.until(page -> number("products") == productsBefore + 1);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("changes"), "updated " + name));
        assertThat(text("users")).isEqualTo(usersBefore);
        assertThat(number("events-seen")).isGreaterThanOrEqualTo(2);
        assertThat(browser.findElement(By.id("product")).getDomProperty("value")).isEqualTo(id);
        assertThat(browser.findElements(By.cssSelector("#price-chart canvas"))).isNotEmpty();
        assertThat(products.count()).isEqualTo(productsBefore + 1);

        Path screenshot = Path.of("target", "dashboard.png");
        Files.createDirectories(screenshot.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(screenshot)).isPositive();
    }
}
