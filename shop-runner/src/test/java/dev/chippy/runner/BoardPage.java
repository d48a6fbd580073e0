package dev.chippy.runner;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live board of a running shop in headless Chromium, read the way a person reads it: the
 * lag charts' totals and legends, the panes, the ready board. For the browser tests.
 */
final class BoardPage implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of(System.getProperty("chippy.home", "..")).toAbsolutePath().normalize()
            .resolve("shop-runner/target/screenshots");

    private final Path profile;
    private final WebDriver browser;

    private BoardPage(Path profile, WebDriver browser) {
        this.profile = profile;
        this.browser = browser;
    }

    /** Opens the board of {@code shop} and waits until it is live. */
    static BoardPage open(Shop shop) throws IOException {
        Path profile = Files.createTempDirectory("chippy-chromium");
        BoardPage page = new BoardPage(profile, LiveViewIT.chromium(profile));
        page.browser.get("http://localhost:" + shop.ports().sink() + "/");
        new WebDriverWait(page.browser, Duration.ofSeconds(60)).until(ExpectedConditions.textToBe(By.id("connection"), "live"));
        return page;
    }

    /** The records a group's chart says are waiting now, over all partitions; null before the first reading. */
    Long waiting(String group) {
        List<WebElement> totals = browser.findElements(By.cssSelector(".chart[data-group='" + group + "'] .total"));
        if (totals.isEmpty()) {
            return null;
        }
        String text = totals.get(0).getText().replace("waiting", "").replace(",", "").trim();
        return text.isEmpty() || text.equals("–") ? null : Long.parseLong(text);
    }

    /** The partitions each preparer's pane says it owns, by preparer. */
    Map<String, List<Integer>> partitionsOwned() {
        Map<String, List<Integer>> owned = new TreeMap<>();
        for (WebElement pane : browser.findElements(By.cssSelector("#kitchen .pane.preparer"))) {
            List<Integer> partitions = new ArrayList<>();
            pane.findElements(By.cssSelector("header .partition"))
                    .forEach(partition -> partitions.add(Integer.parseInt(partition.getText().substring(1))));
            owned.put(pane.getAttribute("data-pane"), partitions);
        }
        return owned;
    }

    /** The texts of a pane's lines, newest first. */
    List<String> paneLines(String pane) {
        return browser.findElements(By.cssSelector("#kitchen .pane[data-pane='" + pane + "'] li, #tills .pane[data-pane='" + pane + "'] li"))
                .stream().map(line -> line.getAttribute("textContent")).toList();
    }

    /** The numbers on the ready board, the most recently ready first. */
    List<Long> readyNumbers() {
        return browser.findElements(By.cssSelector("#ready li")).stream()
                .map(item -> Long.parseLong(item.getAttribute("data-number"))).toList();
    }

    /** Orders counted in the header. */
    long orders() {
        String text = browser.findElement(By.id("count-orders")).getText().replace(",", "").trim();
        return text.isEmpty() || text.equals("–") ? 0 : Long.parseLong(text);
    }

    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File taken = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path to = SCREENSHOTS.resolve(name + ".png");
        Files.copy(taken.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("[browser] screenshot: " + to);
    }

    @Override
    public void close() throws IOException {
        try {
            browser.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
