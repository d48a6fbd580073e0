package dev.chippy.testsupport;

import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * A service's code depends on its own packages and the shop's shared ones, never on another
 * service's: each service is built, run and deployed on its own, and talks to the others only
 * through Kafka (and the board's till over HTTP). Maven keeps other services off a service's
 * class path today; this is the check that says why, for each service's own test to run.
 */
public final class ServiceBoundaries {

    /** common-model's and common-service's packages: what every service may use. */
    static final List<String> SHARED = List.of("dev.chippy.event..", "dev.chippy.menu..", "dev.chippy.order..",
            "dev.chippy.scenario..", "dev.chippy.topic..", "dev.chippy.service..");

    private ServiceBoundaries() {
    }

    /**
     * The module's own main classes: neither tests nor jars (the shared modules and libraries
     * are jars on a build's class path; what a class uses of them is still known by name).
     */
    public static JavaClasses shopClasses() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.chippy");
    }

    /** Fails when a class of the service in {@code servicePackage} uses a Chippy class that is neither its own nor shared. */
    public static void check(String servicePackage) {
        List<String> allowed = new ArrayList<>(SHARED);
        allowed.add(servicePackage + "..");
        noClasses().that().resideInAPackage(servicePackage + "..")
                .should().dependOnClassesThat(resideInAPackage("dev.chippy..").and(not(resideInAnyPackage(allowed.toArray(String[]::new)))))
                .because("a service depends on no other service, only on common-model and common-service")
                .check(shopClasses());
    }
}
