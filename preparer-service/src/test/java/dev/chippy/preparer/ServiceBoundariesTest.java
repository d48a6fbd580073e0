package dev.chippy.preparer;

import org.junit.jupiter.api.Test;

import dev.chippy.testsupport.ServiceBoundaries;

class ServiceBoundariesTest {

    @Test
    void thePreparerDependsOnNoOtherService() {
        ServiceBoundaries.check("dev.chippy.preparer");
    }
}
