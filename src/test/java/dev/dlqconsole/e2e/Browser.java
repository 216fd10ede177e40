package dev.dlqconsole.e2e;

import com.codeborne.selenide.Configuration;
import com.codeborne.selenide.Selenide;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium, driven by Selenide. Nothing is downloaded: the driver and the browser
 * are the system's, and each run starts from an empty profile.
 */
public final class Browser {

    private Browser() {}

    public static void configure(int port) {
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        Configuration.browser = "chrome";
        Configuration.browserBinary = "/usr/bin/chromium";
        Configuration.headless = true;
        Configuration.timeout = 20_000;
        Configuration.pageLoadTimeout = 60_000;
        Configuration.browserSize = "1440x900";
        Configuration.baseUrl = "http://localhost:" + port;
        Configuration.downloadsFolder = "target/selenide-downloads";
        Configuration.reportsFolder = "target/selenide-reports";
        Configuration.screenshots = true;
        Configuration.savePageSource = false;
        try {
            var profile = Files.createTempDirectory("dlq-console-chromium");
            Configuration.browserCapabilities = new ChromeOptions()
                    .addArguments(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-dev-shm-usage",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--disable-quic",
                            "--no-first-run",
                            "--user-data-dir=" + profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves what the browser shows now as target/screenshots/{name}.png, for a person to look at. */
    public static void screenshot(String name) {
        screenshot(Path.of("target", "screenshots"), name);
    }

    /**
     * The page at a screen's size ("1440x900"), saved as target/screens/{name}-{size}.png (then back to 1440x900): what a
     * person checks the charts for, readable on a laptop and on a small projector.
     */
    public static void screen(String name, String size) {
        var wh = size.split("x");
        var window = Selenide.webdriver().driver().getWebDriver().manage().window();
        window.setSize(new org.openqa.selenium.Dimension(Integer.parseInt(wh[0]), Integer.parseInt(wh[1])));
        screenshot(Path.of("target", "screens"), name + "-" + size);
        window.setSize(new org.openqa.selenium.Dimension(1440, 900));
    }

    private static void screenshot(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            var png =
                    ((TakesScreenshot) Selenide.webdriver().driver().getWebDriver()).getScreenshotAs(OutputType.BYTES);
            Files.write(dir.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
