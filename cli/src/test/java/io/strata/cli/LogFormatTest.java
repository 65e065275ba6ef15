package io.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** logback-json.xml, the --log-format json configuration: one parseable object per line. */
class LogFormatTest {
  @Test
  void jsonConfigurationWritesOneObjectPerLine() throws Exception {
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter()); // what the real context has
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(getClass().getResource("/logback-json.xml"));
      context.getLogger("io.strata.csi.calls").info("CreateVolume {} {}", "name=pvc-1", "OK");
    } finally {
      context.stop();
      System.setErr(stderr);
    }
    String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertEquals(1, lines.length, captured.toString(StandardCharsets.UTF_8));
    JsonNode event = new ObjectMapper().readTree(lines[0]);
    assertEquals("INFO", event.path("level").asText());
    assertEquals("io.strata.csi.calls", event.path("loggerName").asText());
    assertEquals("CreateVolume name=pvc-1 OK", event.path("formattedMessage").asText());
    assertFalse(event.has("arguments"), "arguments are in the formatted message already");
  }
}
