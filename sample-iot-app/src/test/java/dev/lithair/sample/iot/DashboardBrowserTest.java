package dev.lithair.sample.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard in a real headless Chromium: it connects to the event stream, and the numbers and
 * the chart change after a write. Needs Debian's {@code chromium} and {@code chromium-driver}; without
 * them the test is skipped with a message, except in CI ({@code CI=true}), where it fails.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DisabledIf(value = "noChromiumOutsideCi", disabledReason = "No headless Chromium (/usr/bin/chromium and "
        + "/usr/bin/chromedriver, or CHROMIUM_BIN and CHROMEDRIVER_BIN): the dashboard's browser test is skipped "
        + "outside CI; apt-get install -y chromium chromium-driver to run it")
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN",
            "/usr/bin/chromedriver"));
    private static final Path SCREENSHOT = Path.of("target", "dashboard-screenshot.png");

    @TempDir
    static Path dataDir;

    @TempDir
    Path browserProfile;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("lithair.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    private WebDriver browser;

    /** Outside CI, a machine without Chromium skips the class before the application starts. */
    static boolean noChromiumOutsideCi() {
        return !chromiumInstalled() && !"true".equals(System.getenv("CI"));
    }

    private static boolean chromiumInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeEach
    void startBrowser() {
        if (!chromiumInstalled()) {
            fail("No headless Chromium: " + CHROMIUM + " and " + CHROMEDRIVER + " must exist (apt-get install -y "
                    + "chromium chromium-driver); CI (CI=true) must run the browser test.");
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                "--user-data-dir=" + browserProfile);
        // The driver is named explicitly, so Selenium Manager never looks for (or downloads) one.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    /** The page as it was last, also when the test failed: the first thing to look at in CI. */
    @AfterEach
    void screenshotAndStopBrowser() throws IOException {
        if (browser != null) {
            try {
                saveScreenshot();
            } finally {
                browser.quit();
            }
        }
    }

    private void saveScreenshot() throws IOException {
        Files.createDirectories(SCREENSHOT.getParent());
        Path shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theDashboardShowsNewReadingsAndTheirChartAfterAWrite() throws IOException {
        ApiClient api = new ApiClient(port);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get(api.base() + "/");
        wait.until(ExpectedConditions.textToBe(By.id("connection"), "live"));
        wait.until(ExpectedConditions.textToBe(By.id("sensors"), "0"));

        assertThat(api.post("/api/generate-fresh?sensors=4&readings=30").status()).isEqualTo(200);

        wait.until(ExpectedConditions.textToBe(By.id("sensors"), "4"));
        wait.until(ExpectedConditions.textToBe(By.id("readingsReceived"), "120"));
        wait.until(ExpectedConditions.textToBe(By.id("readingsRetained"), "120"));
        wait.until(ExpectedConditions.textMatches(By.id("chartInfo"), java.util.regex.Pattern
                .compile("^30 retained readings, latest .*")));
        assertThat(browser.findElements(By.cssSelector("#chart .uplot canvas"))).isNotEmpty();
        assertThat(browser.findElement(By.id("locations")).getText()).contains("greenhouse-north");

        browser.findElement(By.id("duplicates")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("actionResult"), "applied twice"));
        assertThat(browser.findElement(By.id("actionResult")).getText()).isEqualTo(
                "20 batches re-sent, 0 applied twice");
        assertThat(browser.findElement(By.id("readingsReceived")).getText()).isEqualTo("120");

        saveScreenshot();
        assertThat(Files.size(SCREENSHOT)).isPositive();
    }
}
