package dev.switchboard.app.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTests {

  @Test
  void personNamesKeepTheirDisplayAndMatchFolded() {
    assertThat(PersonNames.display("  José \u00A0 O'Brien-Núñez ")).isEqualTo("José O'Brien-Núñez");
    assertThat(PersonNames.display("McDonald")).isEqualTo("McDonald"); // casing is the person's
    assertThat(PersonNames.matchingForm("José  O'Brien-Núñez")).isEqualTo("jose obrien nunez");
    assertThat(PersonNames.matchingForm("JOSE OBRIEN NUNEZ")).isEqualTo("jose obrien nunez");
    assertThat(PersonNames.matchingForm("Łukasz Żółć")).isEqualTo("lukasz zolc");
    assertThat(PersonNames.matchingForm("Søren Ærø")).isEqualTo("soren aero");
    assertThat(PersonNames.matchingForm("STRAUSS")).isEqualTo(PersonNames.matchingForm("Strauß"));
    assertThat(PersonNames.matchingForm("İlker")).isEqualTo("ilker");
    assertThat(PersonNames.matchingForm("Rene\u0301")).isEqualTo("rene"); // decomposed input
  }

  @Test
  void otherScriptsAreFoldedButKeepTheirMarks() {
    assertThat(PersonNames.matchingForm("ΣΊΣΥΦΟΣ")).isEqualTo(PersonNames.matchingForm("σίσυφος"));
    // Dakuten change the sound (ga is not ka): they are not accents to strip.
    assertThat(PersonNames.matchingForm("ガ")).isNotEqualTo(PersonNames.matchingForm("カ"));
    assertThat(PersonNames.matchingForm("Иван")).isEqualTo("иван");
  }

  @ParameterizedTest(name = "{0} ~ {1}")
  @CsvSource(delimiter = '|', value = {
      "Acme, Inc.                 | acme",
      "ACME INC                   | acme",
      "The Acme Company           | acme",
      "Acme Co.                   | acme",
      "Acme LLC                   | acme",
      "Acme L.L.C.                | acme",
      "Acme Ltd                   | acme",
      "Acme Limited               | acme",
      "Acme Pty Ltd               | acme",
      "Acme Pty. Ltd.             | acme",
      "Acme GmbH                  | acme",
      "Acme GmbH & Co. KG         | acme",
      "Acme S.A.                  | acme",
      "Acme SA de CV              | acme",
      "Acme B.V.                  | acme",
      "Acme plc                   | acme",
      "Acme Corp.                 | acme",
      "Müller GmbH                | muller",
      "Smith & Sons Ltd           | smith and sons",
      "Smith and Sons             | smith and sons",
      "Johnson & Co               | johnson",
      "Ben & Jerry's              | ben and jerrys",
      "  Société   Générale  S.A. | societe generale",
      "Limited                    | limited",
      "Inc. Ltd.                  | inc",
      "The                        | the",
  })
  void companyNamesMatchWithoutCasePunctuationAndLegalForms(String name, String matching) {
    assertThat(CompanyNames.matchingForm(name)).isEqualTo(matching);
  }

  @Test
  void companyDisplayIsKept() {
    assertThat(CompanyNames.display("  Acme,   Inc. ")).isEqualTo("Acme, Inc.");
    assertThat(CompanyNames.matchingForm("Acme Incorporated")).isNotEqualTo(CompanyNames.matchingForm("Acmeinc"));
  }
}
