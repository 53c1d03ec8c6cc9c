package dev.portcullis.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Debian's headless Chromium through its chromedriver (never a downloaded browser), one per test
 * class, with a screenshot of every page a journey passes through.
 */
final class Chromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private Path screenshots = SCREENSHOTS;
    private int shots;

    private Chromium(ChromeDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, WAIT);
    }

    static Chromium start() {
        for (Path p : List.of(BINARY, DRIVER)) {
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException(p + " is missing: install Debian's chromium and chromium-driver "
                        + "(apt-get install -y chromium chromium-driver; .ci/run does this)");
            }
        }
        try {
            Path profile = Files.createTempDirectory("portcullis-chromium-");
            ChromeOptions options = new ChromeOptions().setBinary(BINARY.toFile());
            // As root Chromium needs --no-sandbox; the rest keeps it from phoning home or racing us.
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--disable-quic", "--window-size=1280,900", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(WAIT);
            return new Chromium(driver);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WebDriver driver() {
        return driver;
    }

    /**
     * A passkey authenticator in this browser: Chromium's virtual authenticator (the DevTools WebAuthn
     * domain), CTAP2 over the internal transport, holding discoverable credentials and verifying the
     * user, who always consents. It answers navigator.credentials without a prompt.
     */
    VirtualAuthenticator addPasskeyAuthenticator() {
        return driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
    }

    void removeAuthenticator(VirtualAuthenticator authenticator) {
        driver.removeVirtualAuthenticator(authenticator);
    }

    void open(String url) {
        driver.get(url);
    }

    String url() {
        return driver.getCurrentUrl();
    }

    WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    boolean has(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    String text(String css) {
        return find(css).getText();
    }

    /** Waits until the page shows one of {@code selectors}; returns the first that matches. */
    String waitForAny(String... selectors) {
        return wait.withMessage(() -> "none of " + List.of(selectors) + " on " + driver.getCurrentUrl()
                        + ": " + driver.findElement(By.tagName("body")).getText())
                .until(d -> {
                    for (String s : selectors) {
                        if (!d.findElements(By.cssSelector(s)).isEmpty()) return s;
                    }
                    return null;
                });
    }

    /** Clicks the element matching {@code css} whose text is {@code text} (a radio's label, say). */
    void choose(String css, String text) {
        wait.until(d -> d.findElements(By.cssSelector(css)).stream().filter(e -> e.getText().strip().equals(text))
                .findFirst().map(e -> {
                    e.click();
                    return true;
                }).orElse(null));
    }

    /** Brings {@code css} to the middle of the window, so the next screenshot shows it on a long page. */
    void scrollTo(String css) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", find(css));
    }

    /** Types {@code fields} into the form's inputs by name, as a user would. */
    void fill(String form, Map<String, String> fields) {
        WebElement element = find(form);
        fields.forEach((name, value) -> {
            WebElement input = element.findElement(By.name(name));
            input.clear();
            input.sendKeys(value);
        });
    }

    /** Clicks and waits for the next document, so the next look is at the new page. */
    void clickAndWait(String css) {
        WebElement element = find(css);
        element.click();
        wait.until(d -> isGone(element));
    }

    /** Chromedriver reports the old document's element as stale, or, mid-navigation, as not in the document. */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (WebDriverException staleOrDetached) {
            return true;
        }
    }

    /** Starts a journey with no one signed in; its screenshots go to {@code target/browser-screenshots/<journey>/}. */
    void beginJourney(String journey) {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        screenshots = SCREENSHOTS.resolve(journey);
        shots = 0;
        try (var old = Files.exists(screenshots) ? Files.list(screenshots) : java.util.stream.Stream.<Path>empty()) {
            for (Path png : old.toList()) Files.delete(png);
            Files.createDirectories(screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves the current page as {@code NN-name.png}, numbered in journey order. */
    void screenshot(String name) {
        try {
            byte[] png = driver.getScreenshotAs(OutputType.BYTES);
            Files.write(screenshots.resolve(String.format("%02d-%s.png", ++shots, name)), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
