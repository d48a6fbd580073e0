package dev.chippy.runner;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
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
        String text = (String) read("const total = document.querySelector(\".chart[data-group='\" + arguments[0] + \"'] .total\");"
                + " return total ? total.textContent : null;", group);
        if (text == null) {
            return null;
        }
        text = text.replace("waiting", "").replace(",", "").trim();
        return text.isEmpty() || text.equals("–") ? null : Long.parseLong(text);
    }

    /** The partitions each preparer's pane says it owns, by preparer. */
    @SuppressWarnings("unchecked")
    Map<String, List<Integer>> partitionsOwned() {
        Map<String, List<String>> read = (Map<String, List<String>>) read("""
                const owned = {};
                document.querySelectorAll('#kitchen .pane.preparer').forEach(pane => owned[pane.dataset.pane] =
                    Array.from(pane.querySelectorAll('header .partition'), partition => partition.textContent));
                return owned;""");
        Map<String, List<Integer>> owned = new TreeMap<>();
        read.forEach((pane, partitions) -> owned.put(pane,
                partitions.stream().map(partition -> Integer.parseInt(partition.trim().substring(1))).toList()));
        return owned;
    }

    /** The texts of a pane's lines, newest first. */
    @SuppressWarnings("unchecked")
    List<String> paneLines(String pane) {
        return (List<String>) read("return Array.from(document.querySelectorAll(\"#kitchen .pane[data-pane='\" + arguments[0]"
                + " + \"'] li, #tills .pane[data-pane='\" + arguments[0] + \"'] li\"), line => line.textContent);", pane);
    }

    /** The numbers on the ready board, the most recently ready first. */
    @SuppressWarnings("unchecked")
    List<Long> readyNumbers() {
        List<String> numbers = (List<String>) read(
                "return Array.from(document.querySelectorAll('#ready li'), item => item.getAttribute('data-number'));");
        return numbers.stream().map(Long::parseLong).toList();
    }

    /** Orders counted in the header. */
    long orders() {
        String text = ((String) read("return document.getElementById('count-orders').textContent;")).replace(",", "").trim();
        return text.isEmpty() || text.equals("–") ? 0 : Long.parseLong(text);
    }

    /**
     * Reads the page in one script. The board redraws its panes several times a second, so an
     * element found first and read after may be gone by then; a script reads them all at once.
     */
    private Object read(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
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
