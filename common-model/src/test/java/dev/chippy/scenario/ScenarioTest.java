package dev.chippy.scenario;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioTest {
    @Test
    void theTalksDemosAndTheFullShopAreThere() {
        assertThat(Scenario.all()).containsKeys("shop", "demo1", "demo2", "demo3", "demo4", "quiet");
        assertThat(Scenario.DEFAULT).isEqualTo("shop");
    }

    @Test
    void eachDemoIsTheTalksSetUp() {
        Scenario demo2 = Scenario.named("demo2");
        assertThat(demo2.preparers()).isOne();
        assertThat(demo2.cook()).isFalse();
        assertThat(demo2.properties()).containsEntry("chippy.simulation.tills", "3");

        Scenario demo3 = Scenario.named("demo3");
        assertThat(demo3.preparers()).isEqualTo(2);
        assertThat(demo3.properties()).containsEntry("chippy.kafka.partitions", "3");

        Scenario demo4 = Scenario.named("demo4");
        assertThat(demo4.cook()).isTrue();
        assertThat(demo4.properties()).containsEntry("chippy.simulation.plaice", "true");
    }

    @Test
    void theFullShopHasAPreparerAndAFryerPerPartition() {
        Scenario shop = Scenario.named(Scenario.DEFAULT);
        assertThat(shop.properties()).containsEntry("chippy.kafka.partitions", String.valueOf(shop.preparers()));
        assertThat(shop.cook()).isTrue();
        assertThat(shop.properties()).containsEntry("chippy.cook.fryers", String.valueOf(shop.preparers()));
        assertThat(Integer.parseInt(shop.properties().get("chippy.cook.fryer-capacity"))).isGreaterThan(1);
    }

    @Test
    void anUnknownScenarioNamesTheOnesThereAre() {
        assertThatThrownBy(() -> Scenario.named("demo9"))
                .hasMessage("There is no scenario 'demo9'; there are shop, demo1, demo2, demo3, demo4, cabinet, queue, queue-group, quiet");
    }
}
