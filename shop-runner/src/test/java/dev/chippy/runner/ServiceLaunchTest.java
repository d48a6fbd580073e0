package dev.chippy.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceLaunchTest {

    @TempDir
    Path dir;

    @Test
    void theArchiveIsAnAotCacheFromJdk25AndADynamicCdsArchiveBefore() {
        String name = ServiceLaunch.archiveName("classes");
        assertThat(name).isEqualTo(Runtime.version().feature() >= 25 ? "classes.aot" : "classes.jsa");
    }

    @Test
    void aMissingArchiveIsWrittenAtExitOnlyByTheLaunchThatMayWriteIt() {
        Path cds = dir.resolve("kafka.jsa");
        assertThat(ServiceLaunch.archiveOptions(cds, true)).startsWith("-XX:ArchiveClassesAtExit=" + cds);
        assertThat(ServiceLaunch.archiveOptions(cds, false)).noneMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit"));
        Path aot = dir.resolve("app.aot");
        assertThat(ServiceLaunch.archiveOptions(aot, true)).startsWith("-XX:AOTCacheOutput=" + aot).contains("-Xlog:aot=off");
    }

    @Test
    void anArchiveThatExistsIsMappedAndNeverWrittenAgain() throws IOException {
        Path cds = Files.createFile(dir.resolve("kafka.jsa"));
        assertThat(ServiceLaunch.archiveOptions(cds, true)).startsWith("-XX:SharedArchiveFile=" + cds)
                .noneMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit"));
        Path aot = Files.createFile(dir.resolve("app.aot"));
        assertThat(ServiceLaunch.archiveOptions(aot, true)).startsWith("-XX:AOTCache=" + aot)
                .noneMatch(option -> option.startsWith("-XX:AOTCacheOutput"));
    }

    @Test
    void noArchiveNoOptions() {
        assertThat(ServiceLaunch.archiveOptions(null, true)).isEmpty();
    }
}
