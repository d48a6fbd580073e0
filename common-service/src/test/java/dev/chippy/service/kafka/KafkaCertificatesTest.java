package dev.chippy.service.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaCertificatesTest {

    @TempDir
    Path folder;

    @Test
    void aFolderOfCertificatesBecomesAnSslBundleForKafka() throws IOException {
        for (String file : KafkaCertificates.FILES) {
            Files.writeString(folder.resolve(file), "-----BEGIN-----");
        }
        MockEnvironment environment = new MockEnvironment().withProperty(KafkaCertificates.PROPERTY, folder.toString());

        new KafkaCertificates().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.kafka.security.protocol")).isEqualTo("SSL");
        assertThat(environment.getProperty("spring.kafka.ssl.bundle")).isEqualTo("chippy-kafka");
        assertThat(environment.getProperty("spring.ssl.bundle.pem.chippy-kafka.truststore.certificate"))
                .isEqualTo("file:" + folder.resolve("ca.pem").toAbsolutePath());
        assertThat(environment.getProperty("spring.ssl.bundle.pem.chippy-kafka.keystore.private-key"))
                .isEqualTo("file:" + folder.resolve("service.key").toAbsolutePath());
    }

    @Test
    void aMissingCertificateIsNamed() throws IOException {
        Files.writeString(folder.resolve("ca.pem"), "-----BEGIN-----");
        MockEnvironment environment = new MockEnvironment().withProperty(KafkaCertificates.PROPERTY, folder.toString());

        assertThatThrownBy(() -> new KafkaCertificates().postProcessEnvironment(environment, new SpringApplication()))
                .hasMessageContaining("service.cert is missing");
    }
}
