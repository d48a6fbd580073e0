package dev.chippy.runner;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.chippy.port.Ports;
import dev.chippy.runner.fault.Customers;
import dev.chippy.topic.ShopGroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live board in a real browser (headless Chromium or Chrome), on the whole shop as
 * deployed: an order placed with the page's own till goes through the till service, the
 * preparer and the cook, and its number comes up on the ready board; then a preparer is
 * killed from the fault panel, and the proof panel says every order is still READY once.
 * Leaves screenshots in {@code shop-runner/target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveViewIT {

    private static final Path HOME = Path.of(System.getProperty("chippy.home", "..")).toAbsolutePath().normalize();
    private static final Duration SHOP_TIMEOUT = Duration.ofSeconds(60);
    /** Orders placed around the fault (two customers, plaice every fourth), so that the kitchen is busy when it strikes. */
    private static final int ORDERS_AROUND_THE_FAULT = 60;
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** Why a browser test does not run here: printed in the build output, and each such test's reason for skipping. */
    static final String NO_BROWSER = "no Chrome or Chromium on this machine, so the browser tests are SKIPPED"
            + " (apt-get install chromium chromium-driver; CI installs it, and fails a build that skipped a test)";

    private static Path runDir;
    private static Path browserProfile;
    private static Shop shop;
    private static WebDriver browser;

    @BeforeAll
    static void openTheShopAndABrowser() throws IOException {
        if (!aBrowserIsThere(LiveViewIT.class)) {
            return;
        }
        runDir = Files.createTempDirectory("chippy-live-view-it");
        RunOptions options = RunOptions.parse("quiet", "--preparers=1", "--speed=0.05",
                "--kafka-port=" + Ports.free(0), "--postgres-port=" + Ports.free(0));
        shop = Shop.open(options, ShopPorts.free(), HOME, runDir, message -> System.out.println("[shop] " + message));
        browserProfile = Files.createTempDirectory("chippy-chromium");
        browser = chromium(browserProfile);
    }

    @BeforeEach
    void aBrowser() {
        assumeABrowser();
    }

    /** The shop's logs stay in {@link #runDir}, as {@link ShopIT}'s do. */
    @AfterAll
    static void closeEverything() throws IOException {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (shop != null) {
                shop.close();
            }
            delete(browserProfile);
        }
    }

    @Test
    @Order(1)
    void anOrderPlacedOnThePageComesUpOnTheReadyBoard() throws IOException {
        try {
            browser.get("http://localhost:" + shop.ports().sink() + "/");
            WebDriverWait wait = new WebDriverWait(browser, SHOP_TIMEOUT);
            wait.until(ExpectedConditions.textToBe(By.id("connection"), "live"));

            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#menu button[data-item='cod-and-chips']"))).click();
            browser.findElement(By.cssSelector("#menu button[data-item='plaice-and-chips']")).click();
            assertThat(browser.findElement(By.id("basket")).getText()).contains("1 × Cod & chips", "1 × Plaice & chips");
            browser.findElement(By.id("place-order")).click();

            WebElement placed = browser.findElement(By.id("till-message"));
            wait.until(ExpectedConditions.attributeToBeNotEmpty(placed, "data-number"));
            String number = placed.getAttribute("data-number");
            String till = placed.getAttribute("data-till");
            assertThat(placed.getText()).startsWith("Order " + number + " placed at " + till);

            By onTheReadyBoard = By.cssSelector("#ready li[data-number='" + number + "'][data-till='" + till + "']");
            WebElement ready = wait.until(ExpectedConditions.visibilityOfElementLocated(onTheReadyBoard));
            assertThat(ready.getAttribute("class")).as("marked as the page's own order").contains("yours");

            assertThat(paneText("#tills", till)).contains("Order " + number + ": cod & chips, plaice & chips");
            assertThat(paneText("#kitchen", "preparer-1")).contains("Order ready " + number + ": ✓ cod & chips, plaice & chips");
            assertThat(paneText("#kitchen", "cook-1")).contains("Cooked " + number + ": ✓ cod & chips, plaice & chips");
            wait.until(ExpectedConditions.textToBe(By.id("count-plaice"), "1"));
            assertThat(browser.findElement(By.id("count-cod")).getText()).isEqualTo("1");
            assertThat(browser.findElements(By.cssSelector("#charts canvas"))).as("preparers, cook and analyst").hasSize(3);
            assertThat(browser.findElements(By.cssSelector("#charts .chart")))
                    .extracting(chart -> chart.getDomAttribute("data-group"))
                    .containsExactly(ShopGroup.PREPARERS, ShopGroup.COOKS, ShopGroup.ANALYST);
            // The analyst counted the order, wrote its tally to Kafka, and the record keeper passed it to the board.
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#trends .per-till .legend"), till));
        } finally {
            screenshot(HOME.resolve("shop-runner/target/screenshots/live-view.png"));
        }
    }

    /**
     * The fault panel as a person uses it: orders are waiting in the kitchen, preparer-1 is
     * killed with one click, and the proof panel, read beside the shop, ends up saying that
     * every accepted order is READY once, with none lost and none doubled. Leaves a screenshot
     * of both panels just after the fault, in {@code fault-panel.png}.
     */
    @Test
    @Order(2)
    void killingAPreparerFromTheFaultPanelLosesAndDoublesNothing() throws IOException {
        String till = "http://localhost:" + shop.ports().till();
        try {
            browser.get("http://localhost:" + shop.ports().sink() + "/");
            WebDriverWait wait = new WebDriverWait(browser, SHOP_TIMEOUT);
            wait.until(ExpectedConditions.textToBe(By.id("connection"), "live"));
            try (Customers customers = Customers.arrive(2, 4, ORDERS_AROUND_THE_FAULT, till)) {
                await("the kitchen is busy").atMost(SHOP_TIMEOUT).until(() -> customers.acceptedCount() >= 10);
                wait.until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("#fault-buttons button[data-fault='kill/preparer-1']"))).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("happenings"), "killed preparer-1 (kill -9"));
                screenshot(HOME.resolve("shop-runner/target/screenshots/fault-panel.png"));
                new WebDriverWait(browser, Duration.ofMinutes(2)).until(
                        ExpectedConditions.textToBePresentInElementLocated(By.id("happenings"), "preparer-1 started again"));
                customers.awaitServed(Duration.ofMinutes(1));
            }
            new WebDriverWait(browser, Duration.ofMinutes(2)).until(
                    ExpectedConditions.attributeToBe(By.id("proof-verdict"), "data-holds", "true"));

            assertThat(browser.findElement(By.id("proof-verdict")).getText())
                    .isEqualTo("Every accepted order READY once; none lost, none doubled");
            assertThat(proof("accepted")).as("orders the till accepted").isGreaterThanOrEqualTo(ORDERS_AROUND_THE_FAULT);
            assertThat(proof("ready")).as("READY in PostgreSQL").isEqualTo(proof("accepted"));
            assertThat(proof("inFlight")).isZero();
            assertThat(proof("lost")).isZero();
            assertThat(proof("doubled")).isZero();
            assertThat(proof("readyTwiceCommitted")).as("READY twice for a read_committed reader").isZero();
        } finally {
            screenshot(HOME.resolve("shop-runner/target/screenshots/fault-panel-settled.png"));
        }
    }

    private static long proof(String figure) {
        return Long.parseLong(browser.findElement(By.cssSelector("#proof dd[data-proof='" + figure + "']")).getText()
                .replace(",", "").split(" ")[0]);
    }

    private static String paneText(String row, String pane) {
        return browser.findElement(By.cssSelector(row + " .pane[data-pane='" + pane + "']")).getText();
    }

    private static void screenshot(Path to) throws IOException {
        Files.createDirectories(to.getParent());
        File taken = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(taken.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("[browser] screenshot: " + to);
    }

    /**
     * Headless Chromium as Debian installs it (apt-get install chromium chromium-driver), else
     * whatever Chrome Selenium finds (GitHub's runners have Chrome and its driver). Given the
     * driver, Selenium never runs Selenium Manager, which would try to download one.
     */
    static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,800", "--user-data-dir=" + profile);
        if (Files.isExecutable(CHROMIUM)) {
            options.setBinary(CHROMIUM.toFile());
        }
        for (Path driver : List.of(Path.of("/usr/bin/chromedriver"), Path.of(String.valueOf(System.getenv("CHROMEWEBDRIVER")), "chromedriver"))) {
            if (Files.isExecutable(driver)) {
                System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, driver.toString());
                break;
            }
        }
        ChromeDriver browser = new ChromeDriver(options);
        // --window-size counts the browser's own frame; make the page itself 1280×800.
        Object frame = browser.executeScript("return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight]");
        List<?> extra = (List<?>) frame;
        browser.manage().window().setSize(new Dimension(1280 + ((Number) extra.get(0)).intValue(),
                800 + ((Number) extra.get(1)).intValue()));
        return browser;
    }

    /**
     * For a browser test's {@code @BeforeAll}: whether there is a browser, saying so in the build
     * output when there is none. The class then opens nothing, and each of its tests skips itself
     * ({@link #assumeABrowser()}): an assumption that fails in {@code @BeforeAll} is reported as
     * no test at all rather than as skipped tests, and no build would notice.
     */
    static boolean aBrowserIsThere(Class<?> tests) {
        boolean there = aBrowserIsInstalled();
        if (!there) {
            System.out.println("[browser] " + tests.getSimpleName() + ": " + NO_BROWSER);
        }
        return there;
    }

    /** For a browser test's {@code @BeforeEach}: the test is reported skipped, and why, when there is no browser. */
    static void assumeABrowser() {
        Assumptions.assumeTrue(aBrowserIsInstalled(), NO_BROWSER);
    }

    /**
     * Whether this machine has Chrome or Chromium. The tests need only a JDK; without a browser
     * this one is skipped, saying so (CI installs Chromium: see .ci/run).
     */
    static boolean aBrowserIsInstalled() {
        return Stream.of(CHROMIUM.toString(), "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
                        "/usr/bin/google-chrome-stable", "/opt/google/chrome/chrome",
                        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
                        "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe")
                .anyMatch(browser -> Files.isExecutable(Path.of(browser)));
    }

    private static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
