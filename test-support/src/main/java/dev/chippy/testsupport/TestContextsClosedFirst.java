package dev.chippy.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.platform.launcher.TestPlan;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestContext;

/**
 * Closes the Spring test contexts a test JVM loaded once its tests are done, before the JVM
 * exits. Left to themselves, Spring's cached contexts close in JVM shutdown hooks, which run at
 * the same time as Testcontainers' own (without Ryuk, that hook removes every container of the
 * run): a broker removed under a context that is still closing leaves its Kafka clients waiting
 * out their close timeouts, and Surefire kills the test JVM 30 s after its exit began. Closed
 * here, each context stops its listeners and clients first and its containers or embedded
 * brokers last, in the order of its beans, in either test mode.
 *
 * <p>Two listeners, both found by the test JVM itself (nothing to declare in a test): a Spring
 * one that notes each context a test class used ({@code META-INF/spring.factories}), and a
 * JUnit Platform one that closes them when the test plan has finished
 * ({@code META-INF/services}).
 */
public final class TestContextsClosedFirst {

    private static final Set<ConfigurableApplicationContext> LOADED = new LinkedHashSet<>();

    private TestContextsClosedFirst() {
    }

    /** Notes the context of every test class that loaded one. */
    public static final class Noted implements org.springframework.test.context.TestExecutionListener {

        @Override
        public void afterTestClass(TestContext test) {
            if (test.hasApplicationContext()) {
                ApplicationContext context = test.getApplicationContext();
                if (context instanceof ConfigurableApplicationContext configurable) {
                    synchronized (LOADED) {
                        // Contexts Spring has closed since (@DirtiesContext, the cache's limit) need
                        // nothing more, and are not kept from the garbage collector until the end.
                        LOADED.removeIf(noted -> !noted.isActive());
                        LOADED.add(configurable);
                    }
                }
            }
        }
    }

    /** Closes the noted contexts still open, the newest first, when every test has run. */
    public static final class Closed implements org.junit.platform.launcher.TestExecutionListener {

        @Override
        public void testPlanExecutionFinished(TestPlan plan) {
            List<ConfigurableApplicationContext> newestFirst;
            synchronized (LOADED) {
                newestFirst = new ArrayList<>(LOADED);
                LOADED.clear();
            }
            Collections.reverse(newestFirst);
            for (ConfigurableApplicationContext context : newestFirst) {
                if (context.isActive()) {
                    context.close();
                }
            }
        }
    }
}
