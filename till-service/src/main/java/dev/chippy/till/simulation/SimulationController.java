package dev.chippy.till.simulation;

import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated tills at runtime: {@code GET /simulation} shows them, {@code POST
 * /simulation/start} and {@code /stop} open and close them, {@code PUT /simulation}
 * changes how many there are, plaice on or off, and the speed factor.
 */
@RestController
@RequestMapping("/simulation")
class SimulationController {

    record SimulationView(boolean running, int tills, boolean plaice, double speedFactor) {
        static SimulationView of(SimulatedTills tills) {
            SimulationSettings settings = tills.settings();
            return new SimulationView(tills.open(), settings.tills(), settings.plaice(), settings.speedFactor());
        }
    }

    private final SimulatedTills tills;

    SimulationController(SimulatedTills tills) {
        this.tills = tills;
    }

    @GetMapping
    SimulationView show() {
        return SimulationView.of(tills);
    }

    @PutMapping
    SimulationView change(@Valid @RequestBody SimulationChange change) {
        tills.change(tills.settings().with(change));
        return SimulationView.of(tills);
    }

    @PostMapping("/start")
    SimulationView start() {
        tills.open(tills.settings());
        return SimulationView.of(tills);
    }

    @PostMapping("/stop")
    SimulationView stop() {
        tills.close();
        return SimulationView.of(tills);
    }
}
