package dev.chippy.cook;

import org.junit.jupiter.api.Test;

import dev.chippy.testsupport.ServiceBoundaries;

class ServiceBoundariesTest {

    @Test
    void theCookDependsOnNoOtherService() {
        ServiceBoundaries.check("dev.chippy.cook");
    }
}
