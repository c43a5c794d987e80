package dev.switchboard.sandbox.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.jaxb.JaxbAnnotationModule;
import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.RequiresVendorSpecs;
import dev.switchboard.sandbox.SandboxServer;
import dev.switchboard.sandbox.VendorSpecs;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.bind.JAXBContext;
import javax.xml.bind.JAXBElement;
import javax.xml.bind.Marshaller;
import javax.xml.namespace.QName;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;
import tools.jackson.databind.JsonNode;

/**
 * Entities answered by the emulator conform to Intuit's XSDs (read at run time from
 * {@code shared/vendor-specs/quickbooks/xsd}): each JSON entity is bound to the devkit's JAXB model
 * (ipp-v3-java-data 6.4.2, generated from those XSDs) with unknown properties FAILING, then marshalled to XML
 * and validated against IntuitRestServiceDef.xsd (which includes Finance.xsd) with zero violations allowed.
 */
@RequiresVendorSpecs(QuickBooksConformanceTest.XSD)
class QuickBooksConformanceTest {

  static final String XSD = "quickbooks/xsd/IntuitRestServiceDef.xsd";

  static Schema schema;
  static JAXBContext jaxb;
  static final ObjectMapper STRICT = new ObjectMapper().registerModule(new JaxbAnnotationModule())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @BeforeAll
  static void loadSchema() throws Exception {
    Path xsd = VendorSpecs.file(XSD);
    assertThat(xsd).as("QuickBooks XSD at %s", xsd).exists();
    schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd.toFile());
    jaxb = JAXBContext.newInstance("com.intuit.ipp.data");
  }

  @Test
  void everyEntityKind_bindsStrictlyToTheDevkitModel_andValidatesAgainstTheXsd() throws Exception {
    SandboxServer sandbox = QboSandbox.fresh();
    Http api = new Http(sandbox.baseUrl(), Map.of("Authorization", "Bearer " + QboSandbox.TOKEN));
    String base = "/quickbooks/v3/company/" + QboSandbox.REALM;
    JsonNode customer = api.post(base + "/customer", Map.of("DisplayName", "Conformance Co", "GivenName", "Con",
        "FamilyName", "Formance", "CompanyName", "Conformance Co", "PrimaryEmailAddr", Map.of("Address", "c@example.com"),
        "PrimaryPhone", Map.of("FreeFormNumber", "(555) 555-0199"), "BillAddr", Map.of("Line1", "1 Main St",
            "City", "Mountain View", "CountrySubDivisionCode", "CA", "PostalCode", "94043"), "Notes", "n")).json().get("Customer");
    String cid = customer.get("Id").asString();
    JsonNode item = api.post(base + "/item", Map.of("Name", "Widget", "Type", "Service", "UnitPrice", 25)).json().get("Item");
    List<Object> lines = List.of(Map.of("DetailType", "SalesItemLineDetail", "Description", "Widgets",
        "SalesItemLineDetail", Map.of("ItemRef", Map.of("value", item.get("Id").asString()), "Qty", 4, "UnitPrice", 25)));
    JsonNode invoice = api.post(base + "/invoice", Map.of("CustomerRef", Map.of("value", cid), "Line", lines)).json().get("Invoice");
    api.post(base + "/estimate", Map.of("CustomerRef", Map.of("value", cid), "Line", lines));
    api.post(base + "/payment", Map.of("CustomerRef", Map.of("value", cid), "TotalAmt", 60, "Line", List.of(Map.of("Amount", 40,
        "LinkedTxn", List.of(Map.of("TxnId", invoice.get("Id").asString(), "TxnType", "Invoice"))))));

    List<String> violations = new ArrayList<>();
    int checked = 0;
    for (String type : List.of("Customer", "Item", "Invoice", "Estimate", "Payment")) {
      JsonNode found = api.get(base + "/query?query=" + URLEncoder.encode("select * from " + type, StandardCharsets.UTF_8))
          .json().get("QueryResponse").get(type);
      assertThat(found).as(type).isNotNull();
      for (JsonNode entity : found) {
        checked++;
        validate(type, entity.toString(), violations);
        JsonNode read = api.get(base + "/" + type.toLowerCase() + "/" + entity.get("Id").asString()).json().get(type);
        validate(type, read.toString(), violations);
      }
    }
    assertThat(checked).isEqualTo(5);
    assertThat(violations).isEmpty();
  }

  /** Negative controls: the checks above would catch an unknown field and a schema violation. */
  @Test
  void checksAreLive_unknownFieldAndInvalidXmlAreReported() throws Exception {
    List<String> violations = new ArrayList<>();
    validate("Customer", "{\"DisplayName\":\"x\",\"Bogus\":1}", violations);
    assertThat(violations).singleElement().asString().contains("Bogus");

    StringWriter xml = new StringWriter();
    jaxb.createMarshaller().marshal(new JAXBElement<>(new QName("http://schema.intuit.com/finance/v3", "Customer"),
        com.intuit.ipp.data.Customer.class, STRICT.readValue("{\"DisplayName\":\"Ok Co\",\"Balance\":1.5}",
            com.intuit.ipp.data.Customer.class)), xml);
    assertThat(xml.toString()).contains("<DisplayName>Ok Co</DisplayName>").contains("<Balance>1.5</Balance>");
    String invalid = xml.toString().replace("<Balance>1.5</Balance>", "<Balance>lots</Balance>");
    List<String> errors = new ArrayList<>();
    Validator v = schema.newValidator();
    v.setErrorHandler(collector("Customer", errors));
    v.validate(new StreamSource(new StringReader(invalid)));
    assertThat(errors).isNotEmpty();
  }

  static void validate(String type, String json, List<String> violations) throws Exception {
    Class<?> cls = Class.forName("com.intuit.ipp.data." + type);
    Object bound;
    try {
      bound = STRICT.readValue(json, cls);
    } catch (Exception e) {
      violations.add(type + " JSON does not bind to the devkit model: " + e.getMessage().lines().findFirst().orElse(""));
      return;
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    JAXBElement<?> element = new JAXBElement(new QName("http://schema.intuit.com/finance/v3", type), cls, bound);
    StringWriter xml = new StringWriter();
    Marshaller m = jaxb.createMarshaller();
    m.marshal(element, xml);
    Validator v = schema.newValidator();
    v.setErrorHandler(collector(type, violations));
    v.validate(new StreamSource(new StringReader(xml.toString())));
  }

  static ErrorHandler collector(String type, List<String> violations) {
    return new ErrorHandler() {
      @Override
      public void warning(SAXParseException e) {}

      @Override
      public void error(SAXParseException e) {
        violations.add(type + ": " + e.getMessage());
      }

      @Override
      public void fatalError(SAXParseException e) {
        violations.add(type + ": " + e.getMessage());
      }
    };
  }
}
