package dev.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.Core;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.support.Db;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DemoSeedTest {

    @ParameterizedTest
    @EnumSource(Db.class)
    void firstStartSeedsOnceAndPrintsWorkingCredentialsSecondStartPrintsNothing(Db db) {
        Map<String, String> env = new HashMap<>(AdminCommandTest.env(db));
        env.put("PORTCULLIS_DEMO", "true");
        StringWriter first = new StringWriter();
        try (Core core = Core.open(ConfigLoader.load(env), Clock.systemUTC())) {
            var c = DemoSeed.seedOnce(core, new PrintWriter(first)).orElseThrow();
            String printed = first.toString();
            for (String shown : new String[] {c.email(), c.password(), c.clientId(), c.clientSecret(), c.apiKey(), DemoSeed.REDIRECT_URI}) {
                assertTrue(printed.contains(shown), "prints " + shown);
            }
            assertTrue(core.identity().authenticate(DemoSeed.EMAIL, c.password()).isPresent());
            assertTrue(core.apps().verifySecret(c.clientId(), c.clientSecret()));
            var app = core.apps().find(c.clientId()).orElseThrow();
            assertEquals("Taskr (demo)", app.name());
            assertEquals(DemoSeed.APP_SCOPES, app.scopes());
            assertTrue(c.apiKey().startsWith("sk_"));
            // A few sample tasks, so the first Taskr run lists something; each assigned to the demo user.
            assertEquals(5L, (long) core.database().read(tx -> tx.count("SELECT count(*) AS n FROM tasks")));
            assertEquals(5L, (long) core.database().read(tx -> tx.count("SELECT count(*) AS n FROM task_assignees")));
        }
        StringWriter second = new StringWriter();
        try (Core core = Core.open(ConfigLoader.load(env), Clock.systemUTC())) {
            assertTrue(DemoSeed.seedOnce(core, new PrintWriter(second)).isEmpty());
            assertEquals("", second.toString());
            assertEquals(1L, (long) core.database().read(tx -> tx.count("SELECT count(*) AS n FROM users")));
            assertEquals(1L, (long) core.database().read(tx -> tx.count("SELECT count(*) AS n FROM apps")));
            assertEquals(5L, (long) core.database().read(tx -> tx.count("SELECT count(*) AS n FROM tasks")));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void demoOffOrAnExistingUserMeansNoSeed(Db db) {
        Map<String, String> env = new HashMap<>(AdminCommandTest.env(db));
        env.put("PORTCULLIS_DEMO", "false");
        StringWriter out = new StringWriter();
        try (Core core = Core.open(ConfigLoader.load(env), Clock.systemUTC())) {
            assertTrue(DemoSeed.seedOnce(core, new PrintWriter(out)).isEmpty());
            core.provisioning().createUser(dev.portcullis.events.Actor.system(), core.provisioning().prepareUser("Ada", "ada@example.com", "correct horse battery"));
        }
        env.put("PORTCULLIS_DEMO", "true");
        try (Core core = Core.open(ConfigLoader.load(env), Clock.systemUTC())) {
            assertTrue(DemoSeed.seedOnce(core, new PrintWriter(out)).isEmpty(), "an operator's database is never seeded");
            assertEquals("", out.toString());
        }
    }
}
