package dev.leakpath.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvAlertsTests {

	/** File paths come from the scanned repositories: a path a spreadsheet would run must stay text. */
	@ParameterizedTest
	@CsvSource(delimiterString = "|", quoteCharacter = '`', value = {
			"config/app.yml|config/app.yml",
			"=HYPERLINK(\"http://evil\")|`\"'=HYPERLINK(\"\"http://evil\"\")\"`",
			"+cmd|'+cmd",
			"-1+2|'-1+2",
			"@SUM(A1)|'@SUM(A1)",
			"a,b|`\"a,b\"`",
			"say \"hi\"|`\"say \"\"hi\"\"\"`",
			"two\\nlines|`\"two\\nlines\"`" })
	void cellThenQuotedAndNeverAFormula(String value, String expected) {
		assertThat(CsvAlerts.cell(value.replace("\\n", "\n"))).isEqualTo(expected.replace("\\n", "\n"));
	}

}
