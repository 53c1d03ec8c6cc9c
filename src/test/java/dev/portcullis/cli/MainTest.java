package dev.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The virtual-thread carrier cap: one per CPU by default, an operator's own setting kept. */
class MainTest {
    private final String before = System.getProperty(Main.MAX_CARRIERS);

    @AfterEach
    void restore() {
        if (before == null) System.clearProperty(Main.MAX_CARRIERS);
        else System.setProperty(Main.MAX_CARRIERS, before);
    }

    @Test
    void capCarriersWhenUnsetThenOnePerAvailableCpu() {
        System.clearProperty(Main.MAX_CARRIERS);
        Main.capCarriers();
        assertEquals(String.valueOf(Runtime.getRuntime().availableProcessors()), System.getProperty(Main.MAX_CARRIERS));
    }

    @Test
    void capCarriersWhenSetExplicitlyThenKept() {
        System.setProperty(Main.MAX_CARRIERS, "37");
        Main.capCarriers();
        assertEquals("37", System.getProperty(Main.MAX_CARRIERS));
    }
}
