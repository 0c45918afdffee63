package dev.switchboard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through chromedriver (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs). Without them the browser tests are skipped with the reason, unless
 * {@code SWITCHBOARD_TEST_REQUIRE_BROWSER=1} (set by CI) makes that a failure. Screenshots go to
 * {@code target/screenshots/}.
 */
public final class Browser implements AutoCloseable {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Read by the build after the tests; see {@link #noteSkipped}. */
    private static final Path SKIPPED = Path.of("target", "browser-tests-skipped.txt");
    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts a headless browser, or skips the test when none is installed (fails instead on CI). */
    public static Browser start() {
        Optional<Path> chromium = first("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
        Optional<Path> chromedriver = first("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        if (chromium.isEmpty() || chromedriver.isEmpty()) {
            String reason = "no Chromium/chromedriver installed (apt-get install chromium chromium-driver)";
            if ("1".equals(System.getenv("SWITCHBOARD_TEST_REQUIRE_BROWSER"))) {
                throw new IllegalStateException(reason);
            }
            noteSkipped(reason);
            Assumptions.abort(reason);
        }
        ChromeOptions options = new ChromeOptions().setBinary(chromium.get().toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1280,900", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return new Browser(driver);
    }

    /**
     * Leaves the reason where the build prints it as a WARNING after the tests (host/pom.xml): surefire keeps a
     * skip's reason in its XML report only, and a build that silently tested no page is easy to take for green.
     */
    private static void noteSkipped(String reason) {
        try {
            Files.createDirectories(SKIPPED.getParent());
            Files.writeString(SKIPPED, "Browser tests were SKIPPED: " + reason + ". The admin page was not "
                    + "tested; install them, or set SWITCHBOARD_TEST_REQUIRE_BROWSER=1 to make this a failure.\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> first(String... candidates) {
        return List.of(candidates).stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Waits (bounded) for an element to be displayed. */
    public WebElement find(By by) {
        return until(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** Opens the admin page of the host at {@code baseUrl}, signs in with {@code token} and waits until signed in. */
    public void signIn(String baseUrl, String token) {
        open(baseUrl + "/admin");
        find(By.id("token")).sendKeys(token);
        find(By.id("signin")).click();
        find(By.id("signout"));
    }

    /** Waits (bounded) until the page's visible text contains the text. */
    public void waitForText(String text) {
        until(d -> d.findElement(By.tagName("body")).getText().contains(text) ? true : null);
    }

    public <T> T until(Function<WebDriver, T> condition) {
        // The page re-renders whole sections; an element found just before a re-render is simply looked up again.
        return new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** Saves a PNG of the page for a reviewer. */
    public void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
