package dev.chippy.analyst;

import org.junit.jupiter.api.Test;

import dev.chippy.testsupport.ServiceBoundaries;

class ServiceBoundariesTest {

    @Test
    void theAnalystDependsOnNoOtherService() {
        ServiceBoundaries.check("dev.chippy.analyst");
    }
}
