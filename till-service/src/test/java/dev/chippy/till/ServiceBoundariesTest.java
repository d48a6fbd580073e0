package dev.chippy.till;

import org.junit.jupiter.api.Test;

import dev.chippy.testsupport.ServiceBoundaries;

class ServiceBoundariesTest {

    @Test
    void theTillDependsOnNoOtherService() {
        ServiceBoundaries.check("dev.chippy.till");
    }
}
